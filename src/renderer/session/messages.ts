/** What the hub's sign-in and unlock answers mean, in words for the person at the desk. */
export const SIGN_IN_MESSAGES: Record<string, string> = {
  bad_credentials: 'Wrong username or password.',
  otp_required: 'Enter the 6-digit code from your authenticator app.',
  otp_invalid: 'That code is not valid. Check the current code and try again.',
  locked: 'This account is locked after too many failed sign-ins. Try again later or call your coordinator.',
  certification_expired: 'Your LEADS certification or ALPR training has lapsed. Contact your coordinator.',
  disabled: 'This account is disabled. Call your coordinator or the administrator.',
  account_disabled: 'This account is disabled. Call your coordinator or the administrator.',
  password_change_required: 'Choose a new password to finish signing in.',
  otp_enrollment_required: 'Set up your authenticator app to finish signing in.',
  rate_limited: 'Too many attempts from this computer. Wait a minute and try again.',
  hub_unreachable: 'The hub cannot be reached. Check the network, or call the help desk if it lasts.',
};

/**
 * Why a session ended without the user signing out (`session_ended` reasons, or the hub's refusal
 * of the refresh token): the title and the sentence the sign-in screen shows.
 */
export const SESSION_END_MESSAGES: Record<string, { title: string; text: string }> = {
  disabled: { title: 'Your account was disabled', text: 'An administrator disabled this account. Alerts have stopped on this desk. Call your coordinator.' },
  revoked: { title: 'An administrator ended your session', text: 'Alerts have stopped on this desk. Sign in again to receive them.' },
  locked: { title: 'Your account was locked', text: 'Too many failed sign-ins locked this account. Try again later or call your coordinator.' },
  certification_expired: {
    title: 'Your certification has lapsed',
    text: 'Your LEADS certification or ALPR training has lapsed, so alerts have stopped. Contact your coordinator to renew it.',
  },
  password_changed: { title: 'Your password was changed', text: 'It was changed here or on another computer. Sign in with the new password.' },
  expired: { title: 'Your session expired', text: 'Sign in again to receive alerts.' },
  local_data_deleted: {
    title: 'Your local data was deleted',
    text: 'Your alerts and your key are gone from this computer, and you are signed out. Alerts have stopped on this desk; sign in again to receive them.',
  },
};

export const SESSION_END_DEFAULT = { title: 'You were signed out', text: 'The hub ended this session. Alerts have stopped on this desk; sign in again to receive them.' };

/** A request for the next factor is a step, not a failure: shown as information, not in red. */
export function isNextStep(code: string): boolean {
  return code === 'otp_required';
}
