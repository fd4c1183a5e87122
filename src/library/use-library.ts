import { useEffect, useState } from 'preact/hooks';
import type { PopupState } from '../popup/controller';
import type { LibraryController, LibraryState } from './library-controller';

/** Re-renders on every change of the list or of the library's own state. */
export function useLibrary(controller: LibraryController): { state: PopupState; library: LibraryState } {
  const read = () => ({ state: controller.state, library: controller.library });
  const [snapshot, setSnapshot] = useState(read);
  useEffect(() => {
    setSnapshot(read());
    return controller.subscribe(() => setSnapshot(read()));
  }, [controller]);
  return snapshot;
}
