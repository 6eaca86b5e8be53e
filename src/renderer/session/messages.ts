/** What the hub's sign-in and unlock answers mean, in words for the person at the desk. */
export const SIGN_IN_MESSAGES: Record<string, string> = {
  bad_credentials: 'Wrong username or password.',
  otp_required: 'Enter the 6-digit code from your authenticator app.',
  otp_invalid: 'That code is not valid. Check the current code and try again.',
  locked: 'This account is locked after too many failed sign-ins. Try again later or call your coordinator.',
  certification_expired: 'Your LEADS certification or ALPR training has lapsed. Contact your coordinator.',
};

/** A request for the next factor is a step, not a failure: shown as information, not in red. */
export function isNextStep(code: string): boolean {
  return code === 'otp_required';
}
