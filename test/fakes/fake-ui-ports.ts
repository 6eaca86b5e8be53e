/** Fakes of the UI-facing ports (notifier, tray, popup) and the idle source, recording calls. */
export { RecordingNotifier as FakeNotifier, RecordingTray as FakeTray, RecordingPopup as FakePopup } from '../../src/main/adapters/recording-ports.js';
export { ManualIdleSource as FakeIdleSource } from '../../src/main/adapters/manual-idle-source.js';
