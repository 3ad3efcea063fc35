-- CreateEnum
CREATE TYPE "CorrectionKind" AS ENUM ('CORRECTION', 'CLARIFICATION', 'UPDATE');

-- CreateTable
CREATE TABLE "Correction" (
    "id" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "kind" "CorrectionKind" NOT NULL,
    "text" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Correction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Correction_articleId_publishedAt_idx" ON "Correction"("articleId", "publishedAt" DESC);

-- CreateIndex
CREATE INDEX "Correction_publishedAt_id_idx" ON "Correction"("publishedAt" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "Correction" ADD CONSTRAINT "Correction_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Correction" ADD CONSTRAINT "Correction_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
