import { useEffect, useState } from 'preact/hooks';
import type { PopupController, PopupState } from './controller';

/** Re-renders on every controller change. */
export function useControllerState(controller: PopupController): PopupState {
  const [state, setState] = useState(controller.state);
  useEffect(() => {
    setState(controller.state);
    return controller.subscribe(() => setState(controller.state));
  }, [controller]);
  return state;
}
