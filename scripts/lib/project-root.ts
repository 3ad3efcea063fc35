import path from 'node:path';

/** The project's folder (scripts run from anywhere). Its own module so that every script helper can import it without cycles. */
export const projectRoot = path.resolve(import.meta.dirname, '..', '..');
