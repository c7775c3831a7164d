import RoleLayerCore

/// The influence section: the nomination network (node size RII, edge width nomination share,
/// gatekeepers and validators marked), the role table and the friction ranking.
enum InfluenceSection {
    static let id = "influence"
    static let title = "Influence"
    static let lead = "Whose views shape whose, who must sign off, and whether misalignment sits among the influential roles."

    static func make(_ result: InfluenceIndexResult, context: inout ReportContext) -> ReportSection {
        let names = context.names
        let nodes = result.roles.filter(\.isNode)
        context.tally(title, result.roles.filter { $0.rii.isSuppressed }.count + result.roles.filter { $0.signoffPower.isSuppressed }.count)

        var findings: [String] = []
        let gatekeepers = result.roles.filter { $0.archetype == .gatekeeper }
        if !gatekeepers.isEmpty {
            let items = gatekeepers.map { g in "\(names.short(g.role))\(g.signoffPower.finiteValue.map { " (\(Phrase.percent($0)))" } ?? "")" }
            findings.append("\(gatekeepers.count == 1 ? "Gatekeeper" : "Gatekeepers"): \(Phrase.list(items)), the share of other roles' respondents who need \(gatekeepers.count == 1 ? "its" : "their") sign-off before a significant AI investment.")
        }
        let bottlenecks = result.roles.filter { $0.bottleneck == true }
        if !bottlenecks.isEmpty {
            findings.append("\(Phrase.list(bottlenecks.map { names.short($0.role) })) \(bottlenecks.count == 1 ? "is a bottleneck: it signs off" : "are bottlenecks: they sign off") on AI investment while standing below the median role.")
        }
        let validators = result.roles.filter { $0.archetype == .validator }
        if !validators.isEmpty {
            findings.append("\(Phrase.list(validators.map { v in "\(names.short(v.role)) (RII \(NumberText.format(v.rii.value ?? 0, .decimals(2))))" })) \(validators.count == 1 ? "is a validator" : "are validators"): others look to \(validators.count == 1 ? "it" : "them") to shape their view.")
        }
        let f = result.friction
        if let sentence = frictionFinding(f) { findings.append(sentence) }
        if let top = f.pairs.first {
            findings.append("The most frictional pair is \(names.short(top.roleA)) and \(names.short(top.roleB)).")
        }

        let index = Dictionary(nodes.enumerated().map { ($0.element.role, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let network = NetworkChart(
            title: "Influence network of roles",
            summary: "Roles as nodes sized by their Role Influence Index; arrows from a role to the roles its respondents say shape their view.",
            nodes: nodes.map { r in
                let archetype: NetworkChart.Archetype = switch r.archetype {
                case .gatekeeper?: .gatekeeper
                case .validator?: .validator
                default: .contributor
                }
                return .init(label: names.short(r.role), value: r.rii.finiteValue, archetype: archetype, bottleneck: r.bottleneck == true, suppressed: r.rii.isSuppressed)
            },
            edges: result.edges.compactMap { e in
                guard let a = index[e.source], let b = index[e.target] else { return nil }
                return .init(from: a, to: b, weight: e.weight)
            })
        let figures = [ReportFigure(.network(network), caption: "Squares (G): gatekeepers, whose sign-off half or more of the other roles need; diamonds (V): validators; a heavy outline marks a bottleneck.")]

        let roleRows: [[ReportTable.Cell]] = result.roles.map { r in
            [.text(names.full(r.role)), .estimate(r.rii, .decimals(2)), .interval(of: r.rii, .decimals(2)), .estimate(r.signoffPower, .percent(0)),
             .text(r.archetype?.rawValue ?? (r.archetypeReason ?? "").replacingPrefix("not available: ")), .text(r.bottleneck == true ? "yes" : "")]
        }
        var frictionRows: [[ReportTable.Cell]] = f.pairs.prefix(10).map { p in
            [.text("\(p.rank). \(names.short(p.roleA)) – \(names.short(p.roleB))"), .number(p.friction, .decimals(3)), .number(p.influenceWeight, .decimals(2)),
             .number(p.alignment, .decimals(2))]
        }
        frictionRows.append([.text("Friction index"), .estimate(f.index, .decimals(3)), .empty, .empty])
        frictionRows.append([.text("Unweighted misalignment"), .estimate(f.unweightedMisalignment, .decimals(3)), .empty, .empty])
        frictionRows.append([.text("Difference (friction − unweighted)"), .estimate(f.difference, .signed(3)), .empty, .empty])
        let tables = [
            ReportTable(caption: "Role Influence Index, sign-off power and archetype",
                        columns: [.init("Role", numeric: false), .init("RII"), .init(context.intervalName), .init("Sign-off power"),
                                  .init("Archetype", numeric: false), .init("Bottleneck", numeric: false)], rows: roleRows),
            ReportTable(caption: "Friction: influence-weighted misalignment, highest first",
                        columns: [.init("Pair", numeric: false), .init("Friction"), .init("Influence weight"), .init("Alignment")], rows: frictionRows),
        ]
        return ReportSection(id: id, title: title, lead: lead, findings: findings, figures: figures, tables: tables,
                             notes: ["RII is PageRank of the nomination graph times the number of roles, so the average role scores 1."])
    }

    /// Friction index against the unweighted misalignment, with their difference to 3 decimals;
    /// the reading depends on the difference's interval excluding 0 (``Verdict/Sign``).
    static func frictionFinding(_ f: FrictionIndex) -> String? {
        guard let index = f.index.finiteValue, let plain = f.unweightedMisalignment.finiteValue else { return nil }
        var difference = ""
        if let d = f.difference.finiteValue {
            difference = "; difference \(NumberText.format(d, .signed(3)))"
            if let (l, u) = f.difference.interval { difference += " [\(NumberText.format(l, .signed(3))), \(NumberText.format(u, .signed(3)))]" }
        }
        let reading: String = switch Verdict.Sign(f.difference) {
        case .aboveZero: "misalignment sits among the influential roles"
        case .belowZero: "the influential roles are better aligned than the rest"
        case .includesZero: "misalignment is spread about evenly across influence (the difference's interval includes 0)"
        case .notJudged: "without an interval for the difference, no reading is given"
        }
        return "Friction index \(NumberText.format(index, .decimals(3))) against an unweighted misalignment of \(NumberText.format(plain, .decimals(3)))\(difference): \(reading)."
    }
}
