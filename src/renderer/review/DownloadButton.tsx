/** A button that fetches a file through the main process and saves it, saying what happened. */
import { useState } from 'react';
import type { DownloadRequest } from '../../shared/ipc-review.js';
import { downloadFile } from './download.js';

export function DownloadButton({
  request,
  children,
  testId,
}: {
  request: DownloadRequest;
  children: React.ReactNode;
  testId: string;
}): React.JSX.Element {
  const [status, setStatus] = useState<{ kind: 'busy' | 'ok' | 'failed'; text: string }>();
  const run = async (): Promise<void> => {
    setStatus({ kind: 'busy', text: 'Preparing the file…' });
    const result = await downloadFile(request);
    setStatus(
      result.ok
        ? {
            kind: 'ok',
            text: `Saved ${result.filename} (${Math.max(1, Math.round(result.bytes / 1024))} KB). The hub has recorded this export.`,
          }
        : { kind: 'failed', text: result.error.message },
    );
  };
  return (
    <span className="download">
      <button
        type="button"
        onClick={() => void run()}
        disabled={status?.kind === 'busy'}
        data-testid={testId}
      >
        {children}
      </button>
      {status && (
        <span
          role="status"
          className={`download-status download-${status.kind}`}
          data-testid={`${testId}-status`}
        >
          {status.text}
        </span>
      )}
    </span>
  );
}
