/**
 * The passwords tests sign in with. TEST_PASSWORD for accounts a test makes for itself; DESK_PASSWORD
 * for the named desks of the browser tests (Tpr. Kowalski and the others seen in screenshots).
 * Cases about passwords (a wrong one, a new one, an administrator's) write their own.
 */
export const TEST_PASSWORD = 'Correct-Horse-42';
export const DESK_PASSWORD = 'Night-Shift-Desk-2026';
