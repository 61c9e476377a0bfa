import { fieldInfos, type BuilderDoc, type FieldNode, type FieldType } from "./model";
import { labelOf } from "./labels";

type Language = "zh-CN" | "en";

/** What one canvas card shows: plain values, so that an unchanged card keeps the same object. */
export interface CardView {
  id: string;
  key: string;
  /** The keys from the root, joined with dots (the card's test id). */
  path: string;
  label: string;
  type: FieldType;
  required: boolean;
  conditional: boolean;
  sensitive: boolean;
  /** A container's cards (only fields the document can locate), else null. */
  children: CardView[] | null;
  /** A container's sortable ids (all its child nodes), else null. */
  childIds: string[] | null;
}

export interface CardViews {
  cards: CardView[];
  ids: string[];
  byId: Map<string, CardView>;
}

const EMPTY: CardViews = { cards: [], ids: [], byId: new Map() };

function sameList<T>(a: readonly T[] | null, b: readonly T[] | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((x, i) => x === b[i]);
}

function sameCard(a: CardView, b: CardView): boolean {
  return (
    a.key === b.key &&
    a.path === b.path &&
    a.label === b.label &&
    a.type === b.type &&
    a.required === b.required &&
    a.conditional === b.conditional &&
    a.sensitive === b.sensitive &&
    sameList(a.children, b.children) &&
    sameList(a.childIds, b.childIds)
  );
}

/**
 * The canvas's cards for a document, sharing every card (and list) that did not change with
 * `previous`: every edit deep-copies the document, so identity of its nodes says nothing, while
 * an unchanged card object lets the memoized card and dnd-kit's sortable context skip their
 * work. An edit of one field thus re-renders that card and its containers, not the 300 others.
 */
export function cardViews(doc: BuilderDoc, language: Language, previous: CardViews = EMPTY): CardViews {
  const infos = fieldInfos(doc);
  const byId = new Map<string, CardView>();
  const build = (nodes: FieldNode[]): { cards: CardView[]; ids: string[] } => {
    const cards: CardView[] = [];
    for (const node of nodes) {
      const info = infos.get(node.id);
      if (!info) continue;
      const old = previous.byId.get(node.id);
      const inner = node.children ? build(node.children) : null;
      const fresh: CardView = {
        id: node.id,
        key: node.key,
        path: info.keys.join("."),
        label: labelOf(info.schema, language, node.key),
        type: info.type,
        required: info.required,
        conditional: info.conditional,
        sensitive: info.schema["x-sensitive"] === true,
        // Unchanged lists stay the same arrays even when the card itself changed (its label).
        children: inner ? (old && sameList(old.children, inner.cards) ? old.children : inner.cards) : null,
        childIds: inner ? (old && sameList(old.childIds, inner.ids) ? old.childIds : inner.ids) : null,
      };
      const card = old && sameCard(old, fresh) ? old : fresh;
      byId.set(node.id, card);
      cards.push(card);
    }
    const ids = nodes.map((n) => n.id);
    return { cards, ids };
  };
  const top = build(doc.fields);
  return {
    cards: sameList(previous.cards, top.cards) ? previous.cards : top.cards,
    ids: sameList(previous.ids, top.ids) ? previous.ids : top.ids,
    byId,
  };
}

/** The selected id when it is this card or lies under it, else null (what the card passes down). */
export function selectionWithin(card: CardView, selected: string | null): string | null {
  if (selected === null) return null;
  if (card.id === selected) return selected;
  return card.children?.some((c) => selectionWithin(c, selected) !== null) ? selected : null;
}
