"""Depth, alias and cost of a GraphQL document, measured in time linear in its size.

Every fragment is measured once, after the fragments it spreads (a topological order found
without recursion), and its spreads are then looked up, never re-walked: a document of
fragments that each spread the previous one twice costs one visit per selection, where an
expanding walk (Strawberry's QueryDepthLimiter, MaxAliasesLimiter) doubles its work with
every fragment. A fragment that spreads itself is reported instead of followed.

The cost is an estimate of how many values the response can hold: every field counts one,
and what a list selects counts once per item it may return. A connection (a field whose
type ends in ``Connection``) has ``first`` items, or the default page size; its ``edges``
and ``nodes`` are those items, not a further multiplication. Other lists count as their
``first`` argument when they have one, else as ``list_size``. Fields of the introspection
types (``__schema``, ``__type``) count one each and no depth, so that a client's schema
query fits while an aliased fragment bomb inside it still does not.

Nothing here executes or validates: unknown fields and types are measured as leaves of no
known type, and the standard validation that runs after these checks names them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLType,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
)

# Values beyond this are "too many" whatever the limits: keeps the arithmetic small when a
# hostile document multiplies lists through a thousand fragments.
SATURATED = 10**12
# Introspection queries nest ofType chains deeper than any data query; they count no depth,
# but the walk still stops somewhere.
_INTROSPECTION_NESTING_ALLOWANCE = 24
PAGE_ARGUMENTS = ("first", "last")
ITEM_FIELDS = frozenset({"edges", "nodes"})


@dataclass(frozen=True)
class Limits:
    max_depth: int
    max_aliases: int
    max_cost: int
    default_page_size: int
    max_page_size: int
    list_size: int


@dataclass(frozen=True)
class Measure:
    depth: int = 0
    aliases: int = 0
    cost: int = 0

    def plus(self, other: Measure) -> Measure:
        return Measure(
            max(self.depth, other.depth),
            min(self.aliases + other.aliases, SATURATED),
            min(self.cost + other.cost, SATURATED),
        )


@dataclass(frozen=True)
class Refusal:
    """Why a document is refused: ``key`` is the message key, ``code`` the error code."""

    key: str
    code: str
    params: dict[str, Any]


@dataclass(frozen=True)
class Report:
    operations: dict[str, Measure]
    refusal: Refusal | None
    # Selections visited: at most one visit per selection node of the document.
    steps: int


def _unwrap(type_: GraphQLType) -> GraphQLType:
    return type_.of_type if isinstance(type_, GraphQLNonNull) else type_


def _is_list(type_: GraphQLType) -> bool:
    return isinstance(_unwrap(type_), GraphQLList)


def _is_connection(type_: GraphQLNamedType | None) -> bool:
    return (
        isinstance(type_, GraphQLObjectType)
        and type_.name.endswith("Connection")
        and bool(ITEM_FIELDS & type_.fields.keys())
    )


def _is_introspection(type_: GraphQLNamedType | None) -> bool:
    return type_ is not None and type_.name.startswith("__")


def _spreads(selection_set: SelectionSetNode | None) -> list[str]:
    """Names of the fragments a selection set spreads, at any nesting (no recursion)."""
    names: list[str] = []
    pending = [selection_set] if selection_set is not None else []
    while pending:
        current = pending.pop()
        for selection in current.selections:
            if isinstance(selection, FragmentSpreadNode):
                names.append(selection.name.value)
            elif isinstance(selection, FieldNode | InlineFragmentNode) and selection.selection_set:
                pending.append(selection.selection_set)
    return names


def _fragment_order(
    fragments: Mapping[str, FragmentDefinitionNode],
) -> tuple[list[str], str | None]:
    """Fragments in an order where each follows those it spreads, and the first fragment
    found on a cycle (or None). Iterative depth-first search: linear, no recursion."""
    spreads = {name: _spreads(fragment.selection_set) for name, fragment in fragments.items()}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    order: list[str] = []
    for root in fragments:
        if state.get(root):
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        state[root] = 1
        while stack:
            name, index = stack[-1]
            children = spreads[name]
            if index < len(children):
                stack[-1] = (name, index + 1)
                child = children[index]
                if child not in fragments:
                    continue  # unknown fragment: the validation names it
                if state.get(child) == 1:
                    return order, child
                if not state.get(child):
                    state[child] = 1
                    stack.append((child, 0))
            else:
                stack.pop()
                state[name] = 2
                order.append(name)
    return order, None


class _Walker:
    def __init__(
        self,
        schema: GraphQLSchema,
        limits: Limits,
        variables: Mapping[str, Any],
    ) -> None:
        self.schema = schema
        self.limits = limits
        self.variables = variables
        self.fragments: dict[str, Measure] = {}
        self.steps = 0
        self.too_deep = False
        self.max_nesting = limits.max_depth + _INTROSPECTION_NESTING_ALLOWANCE

    def _page_size(self, node: FieldNode, field: GraphQLField) -> int | None:
        """The ``first``/``last`` a field asks for (its default when not given), clamped to
        the page sizes the resolver accepts; None when it names none."""
        for name in PAGE_ARGUMENTS:
            if name not in field.args:
                continue
            value: Any = field.args[name].default_value
            for argument in node.arguments or ():
                if argument.name.value == name:
                    if isinstance(argument.value, IntValueNode):
                        value = int(argument.value.value)
                    elif isinstance(argument.value, VariableNode):
                        value = self.variables.get(argument.value.name.value)
            if isinstance(value, int) and not isinstance(value, bool):
                return max(0, min(value, self.limits.max_page_size))
        return None

    def _multiplier(
        self, node: FieldNode, field: GraphQLField, parent: GraphQLNamedType | None
    ) -> int:
        """How many times a field's selection can appear in the response."""
        if _is_introspection(parent):
            return 1
        page = self._page_size(node, field)
        if _is_connection(get_named_type(field.type)):
            return self.limits.default_page_size if page is None else page
        if not _is_list(field.type):
            return 1
        if _is_connection(parent) and node.name.value in ITEM_FIELDS:
            return 1  # the connection's items: already counted by its page size
        return self.limits.list_size if page is None else page

    def _field_of(self, parent: GraphQLNamedType | None, name: str) -> GraphQLField | None:
        if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            field: GraphQLField | None = parent.fields.get(name)
            return field
        return None

    def selection_set(
        self, selection_set: SelectionSetNode, parent: GraphQLNamedType | None, nesting: int
    ) -> Measure:
        total = Measure()
        if nesting > self.max_nesting:
            self.too_deep = True
            return Measure(depth=SATURATED)
        for selection in selection_set.selections:
            self.steps += 1
            if isinstance(selection, FragmentSpreadNode):
                total = total.plus(self.fragments.get(selection.name.value, Measure()))
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = self.schema.get_type(condition.name.value) if condition else parent
                total = total.plus(self.selection_set(selection.selection_set, inner, nesting))
            elif isinstance(selection, FieldNode):
                total = total.plus(self.field(selection, parent, nesting))
        return total

    def field(self, node: FieldNode, parent: GraphQLNamedType | None, nesting: int) -> Measure:
        aliases = 1 if node.alias is not None else 0
        field = self._field_of(parent, node.name.value)
        if node.selection_set is None:
            return Measure(0, aliases, 1)
        inner_type = _introspection_type(self.schema, node.name.value)
        if inner_type is None and field is not None:
            inner_type = get_named_type(field.type)
        children = self.selection_set(node.selection_set, inner_type, nesting + 1)
        multiplier = 1 if field is None else self._multiplier(node, field, parent)
        counts_depth = not (_is_introspection(parent) or node.name.value.startswith("__"))
        return Measure(
            depth=min(children.depth + 1, SATURATED) if counts_depth else 0,
            aliases=min(children.aliases + aliases, SATURATED),
            cost=min(1 + multiplier * children.cost, SATURATED),
        )


def _introspection_type(schema: GraphQLSchema, field_name: str) -> GraphQLNamedType | None:
    if field_name == "__schema":
        return schema.get_type("__Schema")
    if field_name == "__type":
        return schema.get_type("__Type")
    return None


def measure(
    schema: GraphQLSchema,
    document: DocumentNode,
    limits: Limits,
    variables: Mapping[str, Any] | None = None,
) -> Report:
    """Measure every operation of the document; the first limit it exceeds, if any."""
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    order, cycle = _fragment_order(fragments)
    if cycle is not None:
        refusal = Refusal("error.fragment_cycle", "GRAPHQL_VALIDATION_FAILED", {"name": cycle})
        return Report({}, refusal, 0)
    walker = _Walker(schema, limits, {**_variable_defaults(document), **(variables or {})})
    for name in order:
        fragment = fragments[name]
        condition = schema.get_type(fragment.type_condition.name.value)
        walker.fragments[name] = walker.selection_set(fragment.selection_set, condition, 0)
    operations: dict[str, Measure] = {}
    for index, definition in enumerate(document.definitions):
        if isinstance(definition, OperationDefinitionNode):
            label = definition.name.value if definition.name else f"#{index}"
            root = schema.get_root_type(definition.operation)
            operations[label] = walker.selection_set(definition.selection_set, root, 0)
    return Report(operations, _refusal(operations, limits, walker.too_deep), walker.steps)


def _variable_defaults(document: DocumentNode) -> dict[str, Any]:
    """Integer defaults of the operations' variables (``query($n: Int = 50)``)."""
    defaults: dict[str, Any] = {}
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            for variable in definition.variable_definitions or ():
                if isinstance(variable.default_value, IntValueNode):
                    defaults[variable.variable.name.value] = int(variable.default_value.value)
    return defaults


def _refusal(operations: dict[str, Measure], limits: Limits, too_deep: bool) -> Refusal | None:
    depth = max((m.depth for m in operations.values()), default=0)
    if too_deep or depth > limits.max_depth:
        return Refusal("error.query_too_deep", "QUERY_TOO_DEEP", {"limit": limits.max_depth})
    aliases = sum(m.aliases for m in operations.values())
    if aliases > limits.max_aliases:
        return Refusal("error.too_many_aliases", "TOO_MANY_ALIASES", {"limit": limits.max_aliases})
    cost = max((m.cost for m in operations.values()), default=0)
    if cost > limits.max_cost:
        shown = str(cost) if cost < SATURATED else f"{SATURATED}+"
        return Refusal(
            "error.query_too_costly", "QUERY_TOO_COSTLY", {"cost": shown, "limit": limits.max_cost}
        )
    return None
