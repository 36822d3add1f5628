import type { Problem } from '../api/types.js';
import { Icon } from './icons.js';

/** Lists validation problems; with `onSelect`, each one is a button that shows its node. */
export function ProblemList({
  problems,
  onSelect,
}: {
  problems: readonly Problem[];
  onSelect?: (problem: Problem) => void;
}) {
  return (
    <ul className="problem-list" aria-label="Problems">
      {problems.map((problem, index) => {
        const content = (
          <>
            <Icon
              name={problem.severity === 'error' ? 'error' : 'warning'}
              className={`severity-${problem.severity}`}
            />
            <span>{problem.message}</span>
            {problem.nodeId && <code className="muted">{problem.nodeId}</code>}
          </>
        );
        return (
          <li
            key={`${problem.code}-${problem.nodeId ?? ''}-${problem.field ?? ''}-${index}`}
            className={`problem problem-${problem.severity}`}
          >
            {onSelect && problem.nodeId ? (
              <button type="button" className="link-button" onClick={() => onSelect(problem)}>
                {content}
              </button>
            ) : (
              content
            )}
          </li>
        );
      })}
    </ul>
  );
}
