import { Dialog } from '../ui/Dialog.js';
import { SHORTCUTS } from './useShortcuts.js';

/** Lists the editor's keyboard shortcuts. */
export function HelpPanel({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} testId="help-panel">
      <p className="muted">On macOS, Cmd works wherever Ctrl is listed.</p>
      <table className="table compact">
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.keys}>
              <th scope="row">
                <kbd>{shortcut.keys}</kbd>
              </th>
              <td>{shortcut.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="help">
        Drag a node from the palette onto the canvas, or click it to add it in the middle. Connect
        an output port at the bottom of a node to the input at the top of another.
      </p>
    </Dialog>
  );
}
