/**
 * An AI generator named by Content Credentials that declare no AI source type (issue 13: Bing
 * signs `c2pa.created` by "Image Creator from Designer"). Where a name counts, in order:
 * 1. the agent of the active manifest's `c2pa.created`: generated;
 * 2. the claim generator: generated, unless it opened a parent that was not itself generated: edited;
 * 3. the agent of any other action (generative fill): edited;
 * 4. an ingredient's claim generator or agent: edited.
 * A creation declared as a capture (a non-AI source type) is never overridden by a name.
 */
import { matchGenerator, namesAnEdit, type GeneratorName } from '../shared/generator-names';
import type { ManifestSummary, ManifestTools } from './manifest-summary';

export type NamedWhere = 'claimGenerator' | 'softwareAgent' | 'ingredient';

export interface NamedGenerator {
  generator: GeneratorName;
  value: string;
  where: NamedWhere;
  declaration: 'generated' | 'edited';
}

const CREATED = 'c2pa.created';
const OPENED = 'c2pa.opened';

function firstNamed(values: (string | undefined)[]): { generator: GeneratorName; value: string } | undefined {
  for (const value of values) {
    const generator = value ? matchGenerator(value) : undefined;
    if (generator && value) return { generator, value };
  }
  return undefined;
}

/** AI made the picture, by source type or by a generator named on its creation. */
function madeByAi(m: ManifestTools): boolean {
  if (m.sourceTypes.some((t) => t.meaning === 'generated')) return true;
  const created = m.actions.filter((a) => a.action === CREATED);
  return !!firstNamed(created.map((a) => a.softwareAgent)) || (created.length > 0 && !!firstNamed(m.claimGenerators));
}

export function findNamedGenerator(s: ManifestSummary): NamedGenerator | undefined {
  const created = s.actions.filter((a) => a.action === CREATED);
  const declaresCapture = s.sourceTypes.length > 0 && s.sourceTypes.every((t) => t.meaning === 'other');
  const edit = (found: { generator: GeneratorName; value: string }, where: NamedWhere): NamedGenerator => ({ ...found, where, declaration: 'edited' });

  if (!declaresCapture) {
    const agent = firstNamed(created.map((a) => a.softwareAgent));
    if (agent) return { ...agent, where: 'softwareAgent', declaration: namesAnEdit(agent.value) ? 'edited' : 'generated' };

    const claim = firstNamed(s.claimGenerators);
    if (claim) {
      const parents = s.ingredients.filter((i) => i.relationship === 'parentOf');
      const opensParent = parents.length > 0 || s.actions.some((a) => a.action === OPENED);
      const made = created.length > 0 || !opensParent || parents.some(madeByAi);
      return { ...claim, where: 'claimGenerator', declaration: made && !namesAnEdit(claim.value) ? 'generated' : 'edited' };
    }
  }

  const editAgent = firstNamed(s.actions.filter((a) => a.action !== CREATED).map((a) => a.softwareAgent));
  if (editAgent) return edit(editAgent, 'softwareAgent');

  for (const ingredient of s.ingredients) {
    const named = firstNamed([...ingredient.claimGenerators, ...ingredient.actions.map((a) => a.softwareAgent)]);
    if (named) return edit(named, 'ingredient');
  }
  return undefined;
}
