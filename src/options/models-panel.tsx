/** The models, each with its card and a switch, and "add a model": checked here for quick answers, again by the engine (sha256 included). */
import cards from 'virtual:model-cards';
import { useEffect, useState } from 'preact/hooks';
import { blobToBase64 } from '../shared/base64';
import browser from '../shared/browser';
import { send } from '../shared/messaging';
import { parseModelCard, type ModelCard } from '../shared/model-card';
import { LIMITS, type EngineStatus, type InvalidModel, type ModelUploadResponse } from '../shared/protocol';
import { t } from './i18n';
import { Loading, Row, Section, Status, useSettings } from './panel-parts';

type ModelRow = { card: ModelCard; user: boolean; bytes?: number };

const mb = (n: number) => (n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} kB` : `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 2 : 1)} MB`);

/** A metric in a few words: numbers rounded, an object's plain values as `k = v` pairs. */
function metricText(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(3);
  if (typeof v !== 'object' || v === null) return String(v).slice(0, 200);
  return Object.entries(v)
    .filter(([, x]) => typeof x !== 'object' || x === null)
    .slice(0, 8)
    .map(([k, x]) => `${k} = ${metricText(x)}`)
    .join(', ');
}

/** The file goes to the engine in chunks (a message is JSON and bounded); the engine alone writes the model store. */
async function sendModel(file: File, card: string): Promise<ModelUploadResponse> {
  // Card problems read 'field: what is wrong', like the engine's (model-card.ts).
  if (card.length > LIMITS.maxCardChars) return { ok: false, error: `card: over ${LIMITS.maxCardChars} characters` };
  for (let offset = 0; ; offset += LIMITS.modelChunkBytes) {
    const base64 = await blobToBase64(file.slice(offset, offset + LIMITS.modelChunkBytes));
    const res = await send('background', 'models:add', { card, size: file.size, offset, base64 });
    if (!res.ok || res.done) return res;
  }
}

/** Metrics up to three levels deep (e.g. per source, then per measure), a line each. */
function MetricList(props: { entries: [string, unknown][]; depth: number }) {
  return (
    <ul class={props.depth ? undefined : 'metrics'}>
      {props.entries.slice(0, props.depth === 1 ? 8 : 12).map(([k, v]) => {
        const text = metricText(v);
        const groups = props.depth < 2 && v && typeof v === 'object' ? Object.entries(v).filter(([, x]) => x && typeof x === 'object') : [];
        return (
          <li key={k}>
            {props.depth ? k : <b>{k}</b>}
            {text ? `: ${text}` : ''}
            {groups.length > 0 && <MetricList entries={groups} depth={props.depth + 1} />}
          </li>
        );
      })}
    </ul>
  );
}

function ModelItem(props: { row: ModelRow; on: boolean; status?: EngineStatus['models'][number]; onToggle(v: boolean): void; onRemove?(): void }) {
  const { card } = props.row;
  const id = `model-${card.id}`;
  const metrics = Object.entries(card.metrics ?? {});
  return (
    <li class="model" data-model={card.id}>
      <Row
        id={id}
        label={
          <>
            <b>{card.name}</b> {card.fixture && <span class="fixture">{t('fixtureTag')}</span>} {props.row.user && <span class="user-tag">{t('modelsAddedByYou')}</span>}
          </>
        }
        hint={t('modelsVersionLine', card.version, card.id, props.row.bytes !== undefined ? mb(props.row.bytes) : '…')}
      >
        <input id={id} class="switch" type="checkbox" role="switch" checked={props.on} aria-describedby={`${id}-hint`} onChange={(e) => props.onToggle(e.currentTarget.checked)} />
      </Row>
      <dl>
        <dt>{t('modelsTask')}</dt>
        <dd>
          {t(card.task === 'face' ? 'modelsTaskFace' : card.task === 'closer-look' ? 'modelsTaskCloser' : 'modelsTaskWhole')} · {card.input.width}×{card.input.height}
        </dd>
        <dt>{t('modelsTraining')}</dt>
        <dd>{card.trainingData.length ? card.trainingData.join('; ') : t('modelsNoTraining')}</dd>
        <dt>{t('modelsMetrics')}</dt>
        <dd>{metrics.length ? <MetricList entries={metrics} depth={0} /> : t('modelsNoMetrics')}</dd>
        <dt>{t('modelsLicence')}</dt>
        <dd>{card.licence}</dd>
        <dt>{t('modelsSha')}</dt>
        <dd>
          <code>{card.sha256.slice(0, 16)}…</code>
        </dd>
        {props.status && (
          <>
            <dt>{t('modelsState')}</dt>
            <dd>
              {props.status.loaded ? t('modelsLoaded') : t('modelsIdle')}
              {props.status.runs ? ` · ${t('modelsRuns', String(props.status.runs), props.status.meanMs.toFixed(1))}` : ''}
            </dd>
          </>
        )}
      </dl>
      {props.onRemove && (
        <button type="button" class="small" aria-label={t('modelsRemoveAria', card.name)} onClick={props.onRemove}>
          {t('optRemove')}
        </button>
      )}
    </li>
  );
}

/** A stored model the engine no longer loads: the reason as text, and the way to remove it. */
function InvalidItem(props: { model: InvalidModel; onRemove(): void }) {
  const { id, problem } = props.model;
  const reason = problem === 'taken' ? t('modelsAddTaken', id) : problem === 'not a whole-image model' ? t('modelsAddWholeOnly') : t('modelsAddCardError', problem);
  return (
    <li class="model" data-invalid-model={id}>
      <b>{id}</b> <span class="user-tag">{t('modelsAddedByYou')}</span> <span class="not-loaded">{t('modelsNotLoaded')}</span>
      <p class="hint">
        {mb(props.model.bytes)} · {t('modelsNotLoadedHint')}
      </p>
      <p class="error">{reason}</p>
      <button type="button" class="small" aria-label={t('modelsRemoveAria', id)} onClick={props.onRemove}>
        {t('optRemove')}
      </button>
    </li>
  );
}

function AddModel(props: { taken: Set<string>; onAdded(name: string): void }) {
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const [onnx, cardFile] = ['onnx', 'card'].map((name) => (form.elements.namedItem(name) as HTMLInputElement).files?.[0]);
    setErrors([]);
    if (!onnx?.size || !cardFile) return setErrors([t('modelsAddNeedBoth')]);
    setBusy(true);
    try {
      if (onnx.size > LIMITS.maxUserModelBytes) return setErrors([t('modelsAddTooBig', mb(LIMITS.maxUserModelBytes))]);
      const text = await cardFile.text();
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        return setErrors([t('modelsAddBadJson')]);
      }
      const parsed = parseModelCard(raw);
      if ('errors' in parsed) return setErrors(parsed.errors.map((x) => t('modelsAddCardError', x)));
      const card = parsed.card;
      if (card.task !== 'whole-image') return setErrors([t('modelsAddWholeOnly')]);
      if (props.taken.has(card.id)) return setErrors([t('modelsAddTaken', card.id)]);
      const res = await sendModel(onnx, text).catch((e: unknown): ModelUploadResponse => ({ ok: false, error: String(e) }));
      if (!res.ok) return setErrors([res.sha256 ? t('modelsAddShaMismatch', res.sha256.slice(0, 16), card.sha256.slice(0, 16)) : t('modelsAddFailed', res.error)]);
      form.reset();
      props.onAdded(card.name);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="add-model" onSubmit={(e) => void submit(e)} aria-describedby="add-model-hint">
      <p class="hint" id="add-model-hint">
        {t('modelsAddHint')}
      </p>
      <div class="field">
        <label for="add-onnx">{t('modelsAddOnnx')}</label>
        <input id="add-onnx" name="onnx" type="file" accept=".onnx,application/octet-stream" />
      </div>
      <div class="field">
        <label for="add-card">{t('modelsAddCard')}</label>
        <input id="add-card" name="card" type="file" accept=".json,application/json" />
      </div>
      <button type="submit" disabled={busy}>
        {t('modelsAddButton')}
      </button>
      {errors.length > 0 && (
        <ul class="error" role="alert" data-testid="add-model-errors">
          {errors.map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ul>
      )}
    </form>
  );
}

export function ModelsPanel() {
  const [settings, save] = useSettings();
  const [user, setUser] = useState<ModelRow[]>([]);
  const [invalid, setInvalid] = useState<InvalidModel[]>([]);
  const [sizes, setSizes] = useState<Record<string, number>>({});
  const [engine, setEngine] = useState<EngineStatus | undefined>();
  const [status, setStatus] = useState('');

  const reloadUser = async () => {
    const { models, invalid } = await send('background', 'models:list', {}).catch(() => ({ models: [], invalid: [] }));
    setUser(models.map((m) => ({ card: m.card, user: true, bytes: m.bytes })));
    setInvalid(invalid);
  };
  useEffect(() => {
    void reloadUser();
    void send('background', 'engine:status', {}).then(setEngine, () => undefined);
    // Sizes of the bundled files, read from the extension itself.
    for (const c of cards)
      void fetch(browser.runtime.getURL(`models/${c.id}/${c.file}`))
        .then((r) => r.blob())
        .then(
          (b) => setSizes((s) => ({ ...s, [c.id]: b.size })),
          () => undefined,
        );
  }, []);
  if (!settings) return <Loading />;

  const rows: ModelRow[] = [...cards.map((c) => ({ card: c, user: false, bytes: sizes[c.id] })), ...user];
  const toggle = ({ card }: ModelRow, on: boolean) =>
    void save({ disabledModels: on ? settings.disabledModels.filter((x) => x !== card.id) : [...new Set([...settings.disabledModels, card.id])] }).then(() =>
      setStatus(t(on ? 'modelsSwitchedOn' : 'modelsSwitchedOff', card.name)),
    );
  const remove = (id: string, name: string) =>
    void send('background', 'models:remove', { id })
      .then(reloadUser)
      .then(() => setStatus(t('modelsRemoved', name)));

  return (
    <div class="models">
      <p class="hint">{t('modelsIntro')}</p>
      <Status text={status} />
      <Section id="models" title={t('modelsInstalled')}>
        {rows.length === 0 && <p class="empty">{t('popupNoPixelModel')}</p>}
        <ul class="model-list">
          {rows.map((r) => (
            <ModelItem
              key={r.card.id}
              row={r}
              on={!settings.disabledModels.includes(r.card.id)}
              status={engine?.models.find((m) => m.id === r.card.id)}
              onToggle={(v) => toggle(r, v)}
              onRemove={r.user ? () => remove(r.card.id, r.card.name) : undefined}
            />
          ))}
          {invalid.map((m) => (
            <InvalidItem key={`invalid-${m.id}`} model={m} onRemove={() => remove(m.id, m.id)} />
          ))}
        </ul>
      </Section>
      <Section id="add" title={t('modelsAdd')}>
        <AddModel taken={new Set(rows.map((r) => r.card.id))} onAdded={(name) => void reloadUser().then(() => setStatus(t('modelsAdded', name)))} />
      </Section>
    </div>
  );
}
