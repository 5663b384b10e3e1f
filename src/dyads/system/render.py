"""The system as a terminal table (Rich), JSON, GraphML (networkx) and a picture (PNG or
SVG, matplotlib). Writers take a ``System`` and a stream or path; none prints."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .build import System
from .flows import Flow

if TYPE_CHECKING:
    import networkx as nx
    from rich.console import RenderableType

FORMATS = ("table", "json", "graphml", "png", "svg")
# QuadClass colours: cooperation green, conflict red; verbal light, material dark.
QUAD_COLOURS = {1: "#74c476", 2: "#238b45", 3: "#fb6a4a", 4: "#a50f15"}
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict"}
FLOW_COLOUR = "#2171b5"
STANCE_COLOURS = {"alliance": "#6a51a3", "rivalry": "#e6550d"}


def _flow_label(flow: Flow) -> str:
    goods = flow.commodity + (f" ({flow.category})" if flow.category else "")
    if flow.share is not None:
        goods += f" {flow.share:g}%"
    return goods


def _table(title: str, *columns: tuple[str, str]) -> Any:
    """A compact Rich table; each column is (header, 'l' | 'r' | 'w'): left, right, or
    left and wrapping (the others never wrap)."""
    from rich import box
    from rich.table import Table

    table = Table(title=title, box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False,
                  title_justify="left")
    for header, kind in columns:
        table.add_column(header, justify="right" if kind == "r" else "left",
                         no_wrap=kind != "w")
    return table


def tables(system: System, evidence: int = 1) -> list[RenderableType]:
    """Rich tables: nodes, dyads, their strongest evidence, and flows. Text from the
    documents is shown as it is written, never read as Rich markup."""
    from rich.markup import escape
    from rich.table import Table

    nodes = _table(f"dyads system: {system.documents} documents, {system.events} events, "
                   f"{len(system.nodes)} nodes ({system.level} level)",
                   ("node", "l"), ("name", "w"), ("as actor", "r"), ("as recipient", "r"))
    for node in sorted(system.nodes, key=lambda n: (-(n.as_actor + n.as_recipient), n.id)):
        nodes.add_row(escape(node.id), escape(node.name), str(node.as_actor),
                      str(node.as_recipient))

    dyads = _table("dyads: who acts on whom (quad: verbal and material cooperation, verbal "
                   "and material conflict; Goldstein: net score)",
                   ("dyad", "l"), ("n", "r"), ("categories", "w"), ("quad", "l"),
                   ("Goldstein", "r"), ("hedged", "r"), ("dates", "l"))
    shown = Table(title="strongest evidence", show_header=False, box=None,
                  title_justify="left")
    shown.add_column("dyad", no_wrap=True, min_width=9)
    shown.add_column("sentence", overflow="ellipsis", no_wrap=True)
    for d in system.dyads:
        categories = ", ".join(f"{k} {v}" for k, v in sorted(d.categories.items(),
                                                             key=lambda kv: (-kv[1], kv[0])))
        quads = "/".join(str(d.quad_classes.get(q, 0)) for q in (1, 2, 3, 4))
        dates = d.first or ""
        if d.last and d.last != d.first:
            dates += f"..{d.last}"
        dyads.add_row(escape(f"{d.source}>{d.target}"), str(d.events), categories, quads,
                      f"{d.goldstein:+.1f}", str(d.hedged), dates)
        for e in d.evidence[:evidence]:
            shown.add_row(escape(f"{d.source}>{d.target}"),
                          escape(f"[{e.id}] {' '.join(e.text.split())}"))

    flows = _table("flows: who supplies whom (share: % of the recipient's imports or "
                   "needs; status: pledged, alleged or hedged, else reported as fact; n: "
                   "reports)", ("flow", "l"), ("goods", "l"), ("share", "r"),
                   ("amount", "w"), ("period", "l"), ("status", "w"), ("n", "r"))
    for f in system.flows:
        status = ", ".join(w for w in ({"intended": "pledged", "actual": ""}.get(
            f.modality, f.modality), "hedged" if f.hedged else "") if w)
        goods = f.commodity + (f": {f.category}" if f.category else "")
        flows.add_row(escape(f"{f.supplier}>{f.recipient}"), escape(goods),
                      "" if f.share is None else f"{f.share:g}%",
                      escape(f.amount.text) if f.amount else "", f.period or "", status,
                      str(len(f.evidence)))
    stances = _table("stances stated without an event", ("holder", "l"), ("stance", "l"),
                     ("other", "l"), ("status", "w"), ("n", "r"))
    for st in system.stances:
        stances.add_row(escape(st.holder), st.kind + (" (mutual)" if st.mutual else ""),
                        escape(st.other), "hedged" if st.hedged else "",
                        str(len(st.evidence)))
    out: list[RenderableType] = [nodes, dyads]
    if evidence:
        out.append(shown)
    out.append(flows)
    if system.stances:
        out.append(stances)
    return out


def write_json(system: System, out: TextIO) -> None:
    out.write(json.dumps(system.to_json(), ensure_ascii=False, indent=2) + "\n")


def to_networkx(system: System) -> nx.MultiDiGraph:
    """Nodes with their names and counts; one edge per dyad (kind 'events', with counts
    by QuadClass and net Goldstein) and one per flow (kind 'flow')."""
    import networkx as nx

    graph = nx.MultiDiGraph(level=system.level, events=system.events)
    for node in system.nodes:
        graph.add_node(node.id, name=node.name, codes=" ".join(node.codes),
                       as_actor=node.as_actor, as_recipient=node.as_recipient)
    for d in system.dyads:
        quad = max(d.quad_classes, key=lambda q: (d.quad_classes[q], q))
        graph.add_edge(d.source, d.target, key=f"events:{d.source}:{d.target}", kind="events",
                       events=d.events, goldstein=round(d.goldstein, 2), quad_class=quad,
                       quad1=d.quad_classes.get(1, 0), quad2=d.quad_classes.get(2, 0),
                       quad3=d.quad_classes.get(3, 0), quad4=d.quad_classes.get(4, 0),
                       hedged=d.hedged, first=d.first or "", last=d.last or "",
                       categories=";".join(f"{k}={v}" for k, v in sorted(d.categories.items())))
    for i, f in enumerate(system.flows):
        graph.add_edge(f.supplier, f.recipient, key=f"flow:{i}", kind="flow",
                       commodity=f.commodity, category=f.category or "",
                       share=-1.0 if f.share is None else f.share, period=f.period or "",
                       modality=f.modality, hedged=f.hedged, evidence=" ".join(f.evidence))
    for i, st in enumerate(system.stances):
        graph.add_edge(st.holder, st.other, key=f"stance:{i}", kind="stance",
                       stance=st.kind, mutual=st.mutual, hedged=st.hedged,
                       evidence=" ".join(st.evidence))
    return graph


def write_graphml(system: System, path: Path | TextIO) -> None:
    import networkx as nx

    graph = to_networkx(system)
    if isinstance(path, Path):
        nx.write_graphml(graph, path)
    else:
        path.write("\n".join(nx.generate_graphml(graph)) + "\n")


def write_picture(system: System, path: Path) -> None:
    """The network as a PNG or SVG (by the path's suffix): nodes placed by a force layout,
    event edges coloured by their commonest QuadClass, flows as blue arrows with goods and
    share."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import networkx as nx
    from matplotlib.lines import Line2D

    graph = nx.DiGraph()  # nodes with no edge are left out: the table lists them
    for d in system.dyads:
        graph.add_edge(d.source, d.target)
    for f in system.flows:
        graph.add_edge(f.supplier, f.recipient)
    for st in system.stances:
        graph.add_edge(st.holder, st.other)
    size = max(6.0, min(16.0, 2.0 + 0.6 * len(system.nodes)))
    fig, ax = plt.subplots(figsize=(size, size * 0.75))
    ax.set_axis_off()
    if graph.number_of_nodes():
        pos = nx.kamada_kawai_layout(graph) if graph.number_of_nodes() > 2 \
            else nx.spring_layout(graph, seed=7)
        weight = {n.id: n.as_actor + n.as_recipient for n in system.nodes}
        nx.draw_networkx_nodes(graph, pos, ax=ax, node_color="#dddddd", edgecolors="#555555",
                               node_size=[300 + 120 * weight.get(n, 0) for n in graph])
        nx.draw_networkx_labels(graph, pos, ax=ax, font_size=9)
        for d in system.dyads:
            if d.source == d.target:
                continue
            quad = max(d.quad_classes, key=lambda q: (d.quad_classes[q], q))
            nx.draw_networkx_edges(graph, pos, edgelist=[(d.source, d.target)], ax=ax,
                                   edge_color=QUAD_COLOURS[quad], width=1 + min(d.events, 6),
                                   arrows=True, arrowsize=14, connectionstyle="arc3,rad=0.12")
        flow_edges = [(f.supplier, f.recipient) for f in system.flows]
        if flow_edges:
            nx.draw_networkx_edges(graph, pos, edgelist=flow_edges, ax=ax, style="dashed",
                                   edge_color=FLOW_COLOUR, width=2, arrows=True,
                                   arrowsize=18, connectionstyle="arc3,rad=-0.18")
            labels: dict[tuple[str, str], list[str]] = {}
            for f in system.flows:
                labels.setdefault((f.supplier, f.recipient), []).append(_flow_label(f))
            nx.draw_networkx_edge_labels(
                graph, pos, ax=ax, font_size=7, font_color=FLOW_COLOUR,
                edge_labels={k: "\n".join(dict.fromkeys(v)) for k, v in labels.items()},
                connectionstyle="arc3,rad=-0.18")
        for kind, colour in STANCE_COLOURS.items():
            edges = [(st.holder, st.other) for st in system.stances if st.kind == kind]
            if edges:
                nx.draw_networkx_edges(graph, pos, edgelist=edges, ax=ax, style="dotted",
                                       edge_color=colour, width=2, arrows=False)
    legend = [Line2D([0], [0], color=c, lw=3, label=QUAD_NAMES[q])
              for q, c in QUAD_COLOURS.items()]
    legend.append(Line2D([0], [0], color=FLOW_COLOUR, lw=2, ls="--", label="flow (goods)"))
    legend += [Line2D([0], [0], color=c, lw=2, ls=":", label=f"stance: {k}")
               for k, c in STANCE_COLOURS.items()]
    ax.legend(handles=legend, loc="lower left", fontsize=8, frameon=False)
    ax.set_title(f"dyads system: {len(system.nodes)} nodes, {len(system.dyads)} dyads, "
                 f"{len(system.flows)} flows, {len(system.stances)} stances", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, format=path.suffix.lstrip(".").lower() or "png", dpi=120)
    plt.close(fig)
