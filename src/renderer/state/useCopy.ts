/**
 * A copy button's behaviour: writes the text to the clipboard and keeps what to say about it
 * (`copied` on success, `failed` when the clipboard cannot be reached, so the user is told to copy
 * the text shown by hand).
 */
import { useState } from 'react';

export function useCopy(text: string, said: { copied: string; failed: string }): { status: string | undefined; copy: () => Promise<void> } {
  const [status, setStatus] = useState<string>();
  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      setStatus(said.copied);
    } catch {
      setStatus(said.failed);
    }
  }
  return { status, copy };
}
