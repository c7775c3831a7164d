import Foundation

/// Roles as a directed network on a circle: node area by a value (the Role Influence Index), edge
/// width by weight (the nomination share), gatekeepers drawn as squares and validators as
/// diamonds (shape and a letter, not colour alone), bottlenecks with a heavy outline.
public struct NetworkChart: Sendable, Hashable {
    /// The archetype a node is drawn as.
    public enum Archetype: String, Sendable, Hashable {
        case gatekeeper, validator, contributor
    }

    /// One node.
    public struct Node: Sendable, Hashable {
        /// Node label (a short role name).
        public var label: String
        /// Size value (RII, mean 1 over nodes); `nil` when suppressed or not available.
        public var value: Double?
        /// The archetype.
        public var archetype: Archetype
        /// A gatekeeper whose position lies below the cohort median.
        public var bottleneck: Bool
        /// `true` when the value is suppressed (drawn hatched, "n < k").
        public var suppressed: Bool

        public init(label: String, value: Double?, archetype: Archetype = .contributor, bottleneck: Bool = false, suppressed: Bool = false) {
            self.label = label
            self.value = value
            self.archetype = archetype
            self.bottleneck = bottleneck
            self.suppressed = suppressed
        }
    }

    /// One directed edge.
    public struct Edge: Sendable, Hashable {
        /// Index of the source node.
        public var from: Int
        /// Index of the target node.
        public var to: Int
        /// Weight (nomination share, 0...1).
        public var weight: Double
        public init(from: Int, to: Int, weight: Double) {
            self.from = from
            self.to = to
            self.weight = weight
        }
    }

    /// Short title (the `<title>` of the SVG).
    public var title: String
    /// What the chart shows; the data listing is appended automatically.
    public var summary: String
    /// Nodes, placed clockwise from the top in this order.
    public var nodes: [Node]
    /// Edges; the drawing keeps each source's ``edgesPerSource`` heaviest edges at or above
    /// ``minimumWeight`` (the text alternative lists the heaviest edges overall).
    public var edges: [Edge]
    /// Lightest edge drawn.
    public var minimumWeight: Double
    /// Most edges drawn from one source (its strongest nominations), so ten roles stay readable.
    public var edgesPerSource: Int
    /// Name of the node value (for example "RII").
    public var valueName: String
    /// Number style of node values.
    public var valueStyle: NumberStyle

    public init(title: String, summary: String, nodes: [Node], edges: [Edge], minimumWeight: Double = 0.05, edgesPerSource: Int = 3,
                valueName: String = "RII", valueStyle: NumberStyle = .decimals(2)) {
        self.edgesPerSource = max(edgesPerSource, 0)
        self.title = title
        self.summary = summary
        self.nodes = nodes
        self.edges = edges
        self.minimumWeight = minimumWeight
        self.valueName = valueName
        self.valueStyle = valueStyle
    }

    /// The edges drawn: per source, the ``edgesPerSource`` heaviest at or above ``minimumWeight``
    /// (ties by target index), lightest first so heavy ones lie on top.
    var drawnEdges: [Edge] {
        var kept: [Edge] = []
        for source in nodes.indices {
            let outgoing = validEdges.filter { $0.from == source && $0.weight >= minimumWeight }
                .sorted { a, b in a.weight != b.weight ? a.weight > b.weight : a.to < b.to }
            kept += outgoing.prefix(edgesPerSource)
        }
        return kept.sorted { a, b in a.weight != b.weight ? a.weight < b.weight : (a.from, a.to) < (b.from, b.to) }
    }

    var validEdges: [Edge] {
        edges.filter { $0.from != $0.to && nodes.indices.contains($0.from) && nodes.indices.contains($0.to) && $0.weight.isFinite && $0.weight > 0 }
    }

    /// The text alternative: the summary, every node's value and archetype, and the heaviest edges.
    public var textAlternative: String {
        let items = nodes.map { node -> String in
            var s = node.label + " "
            if node.suppressed { s += "\(valueName) \(SuppressedMark.label) (suppressed)" } else if let v = node.value {
                s += "\(valueName) \(NumberText.format(v, valueStyle))"
            } else { s += "\(valueName) not available" }
            if node.archetype != .contributor { s += ", \(node.archetype.rawValue)" }
            if node.bottleneck { s += ", bottleneck" }
            return s
        }
        let heaviest = validEdges.sorted { a, b in
            a.weight != b.weight ? a.weight > b.weight : (a.from, a.to) < (b.from, b.to)
        }.prefix(8).map { "\(nodes[$0.from].label) to \(nodes[$0.to].label) \(NumberText.format($0.weight, .percent(0)))" }
        return summary + " Roles: " + items.joined(separator: "; ") + "."
            + (heaviest.isEmpty ? "" : " Strongest nominations: " + heaviest.joined(separator: "; ") + ".")
    }

    /// The SVG markup; `id` must be unique in the page.
    public func svg(id: String, standalone: Bool = false) -> String {
        let n = SVGBuilder.number
        let width = ChartText.chartWidth
        let centreX = width / 2, centreY = 212.0, ring = 132.0
        let legendTop = 440.0
        let hasSuppressed = nodes.contains(where: \.suppressed)
        let legendNote = "Size: \(valueName) (1 = average role). Arrows: each role's \(edgesPerSource) strongest nominations of at least \(NumberText.format(minimumWeight, .percent(0))); width = share."
        let height = legendTop + 48 + ChartText.captionExtra(legendNote, maxWidth: width - 12) + (hasSuppressed ? 22 : 0) + 8
        let maxValue = nodes.compactMap { $0.value }.filter { $0.isFinite && $0 > 0 }.max() ?? 1
        func radius(_ node: Node) -> Double {
            guard let v = node.value, v.isFinite, v > 0, !node.suppressed else { return 11 }
            return 8 + 15 * (v / maxValue).squareRoot()
        }
        let count = max(nodes.count, 1)
        let positions = nodes.indices.map { i -> (x: Double, y: Double, angle: Double) in
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(i) / Double(count)
            return (centreX + ring * cos(angle), centreY + ring * sin(angle), angle)
        }

        var svg = SVGBuilder()
        // Edges, lightest first so heavy ones lie on top.
        let drawn = drawnEdges
        let maxWeight = drawn.map(\.weight).max() ?? 1
        svg.open("g", [("class", "edges"), ("fill", "none")])
        for edge in drawn {
            let a = positions[edge.from], b = positions[edge.to]
            let dx = b.x - a.x, dy = b.y - a.y
            let length = max((dx * dx + dy * dy).squareRoot(), 1)
            // Bend to the right of the direction of travel so a->b and b->a do not overlap.
            let bend = 0.14 * length
            let cx = (a.x + b.x) / 2 + dy / length * bend
            let cy = (a.y + b.y) / 2 - dx / length * bend
            // End the curve at the target's rim.
            let rTarget = radius(nodes[edge.to]) + 3
            let tx = b.x - cx, ty = b.y - cy
            let tl = max((tx * tx + ty * ty).squareRoot(), 1)
            let ex = b.x - tx / tl * rTarget, ey = b.y - ty / tl * rTarget
            let strokeWidth = 0.8 + 6 * edge.weight / maxWeight
            svg.open("g", [("class", "edge")])
            svg.element("title", text: "\(nodes[edge.from].label) to \(nodes[edge.to].label): \(NumberText.format(edge.weight, .percent(0)))")
            svg.leaf("path", [("d", "M\(n(a.x)),\(n(a.y)) Q\(n(cx)),\(n(cy)) \(n(ex)),\(n(ey))"), ("stroke", "#5e6b7a"),
                              ("stroke-opacity", "0.55"), ("stroke-width", n(strokeWidth)), ("stroke-linecap", "round")])
            // Arrowhead along the curve's end tangent.
            let ux = tx / tl, uy = ty / tl
            let size = 5 + strokeWidth
            let p1 = (ex - ux * size + uy * size * 0.55, ey - uy * size - ux * size * 0.55)
            let p2 = (ex - ux * size - uy * size * 0.55, ey - uy * size + ux * size * 0.55)
            svg.leaf("polygon", [("points", "\(n(ex)),\(n(ey)) \(n(p1.0)),\(n(p1.1)) \(n(p2.0)),\(n(p2.1))"), ("fill", "#5e6b7a"), ("fill-opacity", "0.75")])
            svg.close()
        }
        svg.close()

        // Nodes.
        svg.open("g", [("class", "nodes")])
        for (i, node) in nodes.enumerated() {
            let p = positions[i]
            let r = radius(node)
            svg.open("g", [("class", "node \(node.archetype.rawValue)")])
            svg.element("title", text: nodeTooltip(node))
            let (fill, letter) = Self.style(node.archetype)
            let fillValue = node.suppressed ? SuppressedMark.fill : fill
            let stroke = node.bottleneck ? Palette.ink : "#ffffff"
            let strokeWidth = node.bottleneck ? "3" : "1.5"
            switch node.archetype {
            case .gatekeeper:
                svg.leaf("rect", [("x", n(p.x - r)), ("y", n(p.y - r)), ("width", n(2 * r)), ("height", n(2 * r)), ("rx", "3"),
                                  ("fill", fillValue), ("stroke", stroke), ("stroke-width", strokeWidth)])
            case .validator:
                let d = r * 1.25
                svg.leaf("polygon", [("points", "\(n(p.x)),\(n(p.y - d)) \(n(p.x + d)),\(n(p.y)) \(n(p.x)),\(n(p.y + d)) \(n(p.x - d)),\(n(p.y))"),
                                     ("fill", fillValue), ("stroke", stroke), ("stroke-width", strokeWidth)])
            case .contributor:
                svg.leaf("circle", [("cx", n(p.x)), ("cy", n(p.y)), ("r", n(r)), ("fill", fillValue), ("stroke", stroke), ("stroke-width", strokeWidth)])
            }
            if let letter, !node.suppressed {
                svg.element("text", [("x", n(p.x)), ("y", n(p.y + 4.5)), ("text-anchor", "middle"), ("font-weight", "bold"),
                                     ("fill", "#ffffff"), ("font-size", "12")], text: letter)
            }
            // Label outside the ring, clear of the node's shape (a square's corner reaches r * 1.41).
            let cosA = cos(p.angle), sinA = sin(p.angle)
            let reach = r * (node.archetype == .contributor ? 1.0 : 1.42) + 10
            let lx = p.x + cosA * reach, ly = p.y + sinA * reach
            let anchor = abs(cosA) < 0.3 ? "middle" : (cosA > 0 ? "start" : "end")
            // Two lines, 14 apart: centred on the label point at the sides, above or below the node at top and bottom.
            let baseY = abs(cosA) < 0.3 ? (sinA < 0 ? ly - 16 : ly + 11) : ly - 3 + sinA * 8
            let valueText = node.suppressed ? SuppressedMark.label : (node.value.map { "\(valueName) \(NumberText.format($0, valueStyle))" } ?? "n/a")
            svg.open("text", [("x", n(lx)), ("y", n(baseY)), ("text-anchor", anchor), ("fill", Palette.ink)])
            svg.element("tspan", [("x", n(lx)), ("font-weight", "bold")], text: node.label)
            svg.element("tspan", [("x", n(lx)), ("dy", "14"), ("font-size", n(ChartText.smallSize)), ("fill", Palette.mutedInk)],
                        text: valueText + (node.bottleneck ? " · bottleneck" : ""))
            svg.close()
            svg.close()
        }
        svg.close()

        // Legend: archetypes on one line, bottleneck and sizes below.
        svg.open("g", [("class", "legend"), ("font-size", n(ChartText.smallSize)), ("fill", Palette.ink)])
        var x = 8.0
        var y = legendTop
        for archetype in [Archetype.gatekeeper, .validator, .contributor] {
            let (fill, letter) = Self.style(archetype)
            switch archetype {
            case .gatekeeper: svg.leaf("rect", [("x", n(x)), ("y", n(y - 10)), ("width", "14"), ("height", "14"), ("rx", "2"), ("fill", fill)])
            case .validator: svg.leaf("polygon", [("points", "\(n(x + 7)),\(n(y - 11)) \(n(x + 15)),\(n(y - 3)) \(n(x + 7)),\(n(y + 5)) \(n(x - 1)),\(n(y - 3))"), ("fill", fill)])
            case .contributor: svg.leaf("circle", [("cx", n(x + 7)), ("cy", n(y - 3)), ("r", "7"), ("fill", fill)])
            }
            let text = archetype.rawValue.prefix(1).uppercased() + archetype.rawValue.dropFirst() + (letter.map { " (\($0))" } ?? "")
            svg.element("text", [("x", n(x + 20)), ("y", n(y + 1))], text: text)
            x += 20 + ChartText.width(text, size: ChartText.smallSize) + 16
        }
        y += 20
        svg.leaf("circle", [("cx", "15"), ("cy", n(y - 3)), ("r", "7"), ("fill", "#ffffff"), ("stroke", Palette.ink), ("stroke-width", "3")])
        svg.element("text", [("x", "28"), ("y", n(y + 1))], text: "Bottleneck: gatekeeper below the median (heavy outline)")
        y += 20
        let note = "Size: \(valueName) (1 = average role). Arrows: each role's \(edgesPerSource) strongest nominations of at least \(NumberText.format(minimumWeight, .percent(0))); width = share."
        let extra = ChartText.caption(&svg, note, x: 8, y: y, maxWidth: width - 12)
        svg.close()
        if hasSuppressed {
            SuppressedMark.legend(&svg, x: 8, y: y + extra + 20)
        }
        return ChartCanvas(width: width, height: height, id: id, title: title, description: textAlternative, standalone: standalone).render(svg)
    }

    func nodeTooltip(_ node: Node) -> String {
        var s = node.label + ": "
        if node.suppressed { s += "\(valueName) suppressed (\(SuppressedMark.label))" } else {
            s += node.value.map { "\(valueName) \(NumberText.format($0, valueStyle))" } ?? "\(valueName) not available"
        }
        return s + ", " + node.archetype.rawValue + (node.bottleneck ? ", bottleneck" : "")
    }

    /// Fill and letter of an archetype: gatekeeper vermillion "G", validator blue "V", contributor grey.
    static func style(_ archetype: Archetype) -> (fill: String, letter: String?) {
        switch archetype {
        case .gatekeeper: ("#d55e00", "G")
        case .validator: ("#0072b2", "V")
        case .contributor: ("#8c8c8c", nil)
        }
    }
}
