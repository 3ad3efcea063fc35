/** One message for unknown email, wrong password and disabled account: no user enumeration. */
export const INVALID_CREDENTIALS = 'That email and password do not match an active account.';
