// @vitest-environment happy-dom
/**
 * The options page's Models (src/options/models-panel.tsx): a stored model the engine no longer
 * loads is listed as "not loaded" with the engine's reason (as text), and its remove button asks
 * the engine to delete it by the id it is stored under.
 */
import { h, render } from 'preact';
import { afterEach, expect, test, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';

const message = (k: string, subs: string[] = []) => (subs.length ? `${k}(${subs.join('|')})` : k);
vi.mock('../../src/shared/browser', () => ({ default: { runtime: { id: 'test', getURL: () => 'data:,' }, i18n: { getMessage: message, getUILanguage: () => 'en' } } }));
vi.mock('../../src/shared/settings-store', () => ({ watchSettings: async (listener: (s: unknown) => void) => listener(DEFAULT_SETTINGS), saveSettings: async () => DEFAULT_SETTINGS }));
const send = vi.fn();
vi.mock('../../src/shared/messaging', () => ({ send: (...a: unknown[]) => send(...a) }));
const { ModelsPanel } = await import('../../src/options/models-panel');

const root = () => document.body.querySelector('#root') ?? document.body.appendChild(Object.assign(document.createElement('div'), { id: 'root' }));
const item = (id: string) => root().querySelector(`[data-invalid-model="${id}"]`);

afterEach(() => {
  render(null, root());
  send.mockReset();
});

test('a stored model that fails its checks shows as not loaded with the reason as text, and can be removed', async () => {
  const problem = 'name: <img src=x onerror="alert(1)">';
  let invalid = [
    { id: 'my-model', bytes: 2048, problem },
    { id: 'fixture-redness', bytes: 3 * 1024 * 1024, problem: 'taken' },
  ];
  send.mockImplementation(async (_target: string, name: string, p: { id: string }) => {
    if (name === 'models:list') return { models: [], invalid };
    if (name === 'engine:status') return { models: [] };
    if (name === 'models:remove') invalid = invalid.filter((m) => m.id !== p.id);
    return { ok: true };
  });
  render(h(ModelsPanel, {}), root());
  await vi.waitFor(() => expect(item('my-model')).not.toBeNull());
  expect(item('my-model')!.textContent).toContain('modelsNotLoaded');
  expect(item('my-model')!.querySelector('.error')!.textContent).toBe(`modelsAddCardError(${problem})`);
  expect(root().querySelector('img')).toBeNull();
  expect(item('fixture-redness')!.querySelector('.error')!.textContent).toBe('modelsAddTaken(fixture-redness)');

  item('my-model')!.querySelector('button')!.click();
  await vi.waitFor(() => expect(item('my-model')).toBeNull());
  expect(send).toHaveBeenCalledWith('background', 'models:remove', { id: 'my-model' });
  expect(item('fixture-redness')).not.toBeNull();
  expect(root().querySelector('[role="status"]')!.textContent).toBe('modelsRemoved(my-model)');
});
