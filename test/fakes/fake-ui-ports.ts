/**
 * The UI-facing ports (notifier, tray, popup) and the idle source for tests are the adapters the
 * browser host uses, which already only record and are driven by hand; these are their old test
 * names, kept for the tests that still import them. New tests import `src/main/adapters` directly.
 */
export { ManualIdleSource as FakeIdleSource } from '../../src/main/adapters/manual-idle-source.js';
export { RecordingNotifier as FakeNotifier, RecordingPopup as FakePopup, RecordingTray as FakeTray } from '../../src/main/adapters/recording-ports.js';
