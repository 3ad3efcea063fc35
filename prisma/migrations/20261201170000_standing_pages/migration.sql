-- Standing pages (About, Contact, Ethics and corrections policy, Masthead, …), issue #14.

-- CreateEnum
CREATE TYPE "PageRole" AS ENUM ('ABOUT', 'CONTACT', 'ETHICS', 'MASTHEAD');

-- CreateTable
CREATE TABLE "Page" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "standfirst" TEXT NOT NULL DEFAULT '',
    "body" JSONB NOT NULL,
    "role" "PageRole",
    "showInFooter" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Page_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Page_slug_key" ON "Page"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Page_role_key" ON "Page"("role");

-- CreateIndex
CREATE INDEX "Page_showInFooter_position_idx" ON "Page"("showInFooter", "position");
