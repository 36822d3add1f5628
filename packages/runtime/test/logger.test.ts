import { describe, expect, it } from 'vitest';
import { bindingLogger, type RuntimeLogger } from '../src/index.js';

interface Line {
  level: string;
  fields: Record<string, unknown>;
  message: string;
}

function recordingLogger(lines: Line[]): RuntimeLogger {
  const logger: RuntimeLogger = {
    info: (fields, message) => lines.push({ level: 'info', fields, message }),
    warn: (fields, message) => lines.push({ level: 'warn', fields, message }),
    error: (fields, message) => lines.push({ level: 'error', fields, message }),
    child: () => {
      throw new Error('bindingLogger must not create children of the wrapped logger');
    },
  };
  return logger;
}

describe('bindingLogger', () => {
  it.each(['info', 'warn', 'error'] as const)('passes bindings with %s lines', (level) => {
    const lines: Line[] = [];
    const logger = bindingLogger(recordingLogger(lines), { component: 'runtime' });

    logger.child({ executionId: 'e1' }).child({ nodeId: 'n1' })[level]({ attempt: 2 }, 'step');

    expect(lines).toHaveLength(1);
    expect(lines[0]!.level).toBe(level);
    expect(lines[0]!.message).toBe('step');
    expect(lines[0]!.fields).toEqual({
      component: 'runtime',
      executionId: 'e1',
      nodeId: 'n1',
      attempt: 2,
    });
  });

  it('lets line fields replace bindings', () => {
    const lines: Line[] = [];
    const logger = bindingLogger(recordingLogger(lines)).child({ executionId: 'old' });

    logger.info({ executionId: 'new' }, 'resumed');

    expect(lines[0]!.fields).toEqual({ executionId: 'new' });
  });

  it('keeps sibling children apart', () => {
    const lines: Line[] = [];
    const parent = bindingLogger(recordingLogger(lines), { component: 'runtime' });

    parent.child({ executionId: 'a' }).info({}, 'one');
    parent.child({ workerId: 'w1' }).info({}, 'two');

    expect(lines[0]!.fields).toEqual({ component: 'runtime', executionId: 'a' });
    expect(lines[1]!.fields).toEqual({ component: 'runtime', workerId: 'w1' });
  });

  it('drops lines of a disabled level', () => {
    const lines: Line[] = [];
    const levels = recordingLogger(lines) as RuntimeLogger & {
      isLevelEnabled: (level: string) => boolean;
    };
    levels.isLevelEnabled = (level) => level !== 'info';
    const logger = bindingLogger(levels).child({ executionId: 'e1' });

    logger.info({}, 'started');
    logger.warn({}, 'slow');

    expect(lines.map((line) => line.message)).toEqual(['slow']);
  });
});
