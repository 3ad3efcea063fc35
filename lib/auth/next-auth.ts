/**
 * The Auth.js set-up (Credentials sign-in, JWT sessions re-checked against the database on every read)
 * and what it exports: the route handlers, auth(), signIn() and signOut(). Routes and lib/auth/session.ts
 * import it from here.
 */
import 'server-only';
import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { clientIpFromHeaders } from '@/lib/auth/client-ip';
import { decideCookieSecurity } from '@/lib/auth/decide-cookie-security';
import { authenticateWithPassword, loadSessionUser } from '@/lib/auth/sign-in';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import type { Role } from '@/lib/generated/prisma/enums';

declare module 'next-auth' {
  interface User {
    role?: Role;
    sessionVersion?: number;
  }
  interface Session {
    /** Set only for a live session (user exists, not disabled, same sessionVersion); see lib/auth/session.ts. */
    actor?: { id: string; name: string; email: string; role: Role };
  }
}

/** Thrown from authorize when the throttle refuses the attempt; the form and the route tell it apart by `code`. */
export class ThrottledSignIn extends CredentialsSignin {
  override code = 'throttled';
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

const env = getEnv();
// Auth.js builds its URLs from AUTH_URL when set: pin them to SITE_URL so a forged Host header cannot
// steer redirects (this is also why trusting the host below is safe). With no SITE_URL (the demo),
// Auth.js follows the request's own address, so signing in at 127.0.0.1 stays on 127.0.0.1.
if (!env.siteUrlFromRequest) process.env.AUTH_URL ??= `${env.siteUrl}/api/auth`;
const { secure } = decideCookieSecurity(env.siteUrl);

const SESSION_MAX_AGE = 12 * 60 * 60;

export const authConfig = {
  secret: env.AUTH_SECRET,
  trustHost: true,
  useSecureCookies: secure,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE, updateAge: 60 * 60 },
  pages: { signIn: '/login', error: '/login' },
  providers: [
    Credentials({
      credentials: { email: { label: 'Email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, request) {
        const result = await authenticateWithPassword(getDb(), {
          email: credentials?.email,
          password: credentials?.password,
          ip: clientIpFromHeaders(request.headers),
        });
        if (result.ok) return { ...result.user };
        if (result.reason === 'throttled') throw new ThrottledSignIn(result.retryAfterSeconds);
        return null;
      },
    }),
  ],
  callbacks: {
    /**
     * Runs at sign-in and on every session read: the token carries the user id and sessionVersion, and
     * each read re-checks them against the database, so disabling a user or bumping their
     * sessionVersion ends their sessions at once. Returning null deletes the session.
     */
    async jwt({ token, user }) {
      if (user?.id && typeof user.sessionVersion === 'number') {
        token.uid = user.id;
        token.sv = user.sessionVersion;
      }
      if (typeof token.uid !== 'string' || typeof token.sv !== 'number') return null;
      const live = await loadSessionUser(getDb(), { userId: token.uid, sessionVersion: token.sv });
      if (!live) return null;
      token.name = live.name;
      token.email = live.email;
      token.role = live.role;
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === 'string' && typeof token.role === 'string' && typeof token.email === 'string') {
        session.actor = { id: token.uid, name: token.name ?? token.email, email: token.email, role: token.role as Role };
      }
      return session;
    },
  },
  logger: {
    // A wrong password is not a server error: it is audited (auth.sign_in_failed), not logged as one.
    error(error) {
      if (error instanceof CredentialsSignin || (error as { type?: string }).type === 'CredentialsSignin') return;
      console.error('[auth]', error);
    },
  },
} satisfies NextAuthConfig;

export const { handlers, auth, signIn, signOut } = NextAuth(authConfig);
