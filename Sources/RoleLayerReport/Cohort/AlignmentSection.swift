import RoleLayerCore

/// The Role Alignment Map section: role x role alignment, per-dimension small multiples, fault
/// lines, excess alignment over chance, leadership alignment and cohort agreement.
enum AlignmentSection {
    static let id = "alignment"
    static let title = "Role Alignment Map"

    /// Heatmap cells of an R x R map from a pair lookup.
    static func cells(roles: [Role], _ estimate: (Role, Role) -> Estimate?, suppressed: inout Int) -> [[HeatmapCell]] {
        roles.enumerated().map { i, a in
            roles.enumerated().map { j, b in
                guard let e = estimate(a, b) else { return .empty }
                if e.isSuppressed { if i <= j { suppressed += 1 }; return .suppressed }
                guard let v = e.finiteValue else { return .empty }
                return .value(v)
            }
        }
    }

    static func make(_ result: AlignmentMapResult, context: inout ReportContext) -> ReportSection {
        let names = context.names
        guard result.unavailableReason == nil, !result.pairs.isEmpty else {
            return ReportSection(id: id, title: title, lead: lead,
                                 findings: ["The alignment map is not available: \((result.unavailableReason ?? "no pairs").replacingPrefix("not available: "))."])
        }
        // Roles with at least one published off-diagonal pair, in instrument order.
        let roles = result.roles.filter { a in result.roles.contains { b in a != b && result.pair(a, b)?.alignment.finiteValue != nil } || result.roles.contains { b in a != b && result.pair(a, b)?.alignment.isSuppressed == true } }
        let labels = roles.map { names.short($0) }
        var suppressed = 0
        let mapCells = cells(roles: roles, { a, b in result.pair(a, b)?.alignment }, suppressed: &suppressed)
        var dimensionSuppressed = 0
        let panels = AlignmentDimension.allCases.map { d in
            HeatmapSmallMultiples.Panel(title: dimensionName(d), cells: cells(roles: roles, { a, b in
                result.pair(a, b)?.dimensions.first { $0.dimension == d }?.alignment
            }, suppressed: &dimensionSuppressed))
        }
        context.tally(title, suppressed + dimensionSuppressed)

        let published = result.pairs.filter { $0.roleA != $0.roleB && $0.alignment.finiteValue != nil }
        let centre = result.leadership.mean.finiteValue
            ?? (published.isEmpty ? 0.5 : published.map { $0.alignment.value! }.reduce(0, +) / Double(published.count))
        let values = published.map { $0.alignment.value! }

        // Findings.
        var findings: [String] = []
        if let widest = result.faultLines.first, let a = widest.alignment.finiteValue {
            var sentence = "The widest fault line runs between \(names.short(widest.roleA)) and \(names.short(widest.roleB)) (alignment \(NumberText.format(a, .decimals(2)))"
            if let ex = widest.excess.finiteValue { sentence += ", \(NumberText.format(ex, .signed(2))) against leaders of different organisations" }
            sentence += ")."
            if result.faultLines.count > 1 {
                sentence += " Next: " + Phrase.list(result.faultLines.dropFirst().prefix(2).map { "\(names.short($0.roleA))–\(names.short($0.roleB))" }) + "."
            }
            findings.append(sentence)
        }
        let excessAbove = published.filter { $0.excess.intervalAboveZero }.count
        let excessKnown = published.filter { $0.excess.interval != nil }.count
        if excessKnown > 0 {
            findings.append("In \(excessAbove) of \(excessKnown) role pairs, leaders of one organisation agree more than leaders of different organisations do (excess alignment above zero).")
        }
        if let mean = result.leadership.mean.finiteValue {
            findings.append("An organisation's leadership alignment averages \(NumberText.format(mean, .decimals(2))) on a 0 to 1 scale.")
        }
        let alphas = result.agreement.compactMap { a in a.alpha.finiteValue.map { (dimensionName(a.dimension), $0) } }
        if let sentence = weakestAgreement(alphas) { findings.append(sentence) }

        let figures = [
            ReportFigure(.heatmap(HeatmapChart(
                title: "Alignment between roles",
                summary: "Mean alignment (0 to 1) of each pair of roles within the same organisation.",
                rowLabels: labels, columnLabels: labels, cells: mapCells,
                scale: .diverging(centre: centre, fitting: values), valueStyle: .decimals(2),
                legendLabel: "Alignment, centred on the cohort's mean leadership alignment")),
                caption: "Purple: the pair agrees more than the cohort's average leadership; orange: less. The diagonal is the alignment within a role where organisations have two respondents of it."),
            ReportFigure(.heatmapSmallMultiples(HeatmapSmallMultiples(
                title: "Alignment between roles on each dimension",
                summary: "Pair alignment on priorities, ownership, direction, conviction and risk separately.",
                rowLabels: labels, columnLabels: labels, panels: panels,
                scale: .sequential(0...1), valueStyle: .decimals(2), legendLabel: "Alignment on the dimension, 0 (none) to 1 (identical)")),
                caption: "One map per dimension; the values are in the text alternative and the tooltips."),
        ]
        let faultRows: [[ReportTable.Cell]] = result.faultLines.map { f in
            [.text("\(names.short(f.roleA)) – \(names.short(f.roleB))"), .estimate(f.alignment, .decimals(2)), .interval(of: f.alignment, .decimals(2)),
             .estimate(f.excess, .signed(2)), .count(f.alignment.organisations)]
        }
        let l = result.leadership
        var agreementRows: [[ReportTable.Cell]] = [
            [.text("Leadership alignment, mean of organisations"), .estimate(l.mean, .decimals(2)), .interval(of: l.mean, .decimals(2))],
            [.text("Leadership alignment, quartiles"), quartiles(l.lowerQuartile, l.upperQuartile, .decimals(2), reason: l.quartilesReason), .empty],
            [.text("Within-organisation agreement on direction (rWG)"), .estimate(l.directionAgreement, .decimals(2)), .interval(of: l.directionAgreement, .decimals(2))],
            [.text("Within-organisation agreement on conviction (rWG)"), .estimate(l.convictionAgreement, .decimals(2)), .interval(of: l.convictionAgreement, .decimals(2))],
        ]
        agreementRows += result.agreement.map { a in
            [.text("Krippendorff's alpha, \(dimensionName(a.dimension).lowercased())\(a.metric.map { " (\($0))" } ?? "")"), .estimate(a.alpha, .decimals(2)), .interval(of: a.alpha, .decimals(2))]
        }
        let tables = [
            ReportTable(caption: "Fault lines: the lowest-alignment role pairs", columns: [.init("Pair", numeric: false), .init("Alignment"),
                        .init(context.intervalName), .init("Excess over chance"), .init("Organisations")], rows: faultRows),
            ReportTable(caption: "Leadership alignment and cohort agreement", columns: [.init("Figure", numeric: false), .init("Value"), .init(context.intervalName)],
                        rows: agreementRows),
        ]
        return ReportSection(id: id, title: title, lead: lead, findings: findings, figures: figures, tables: tables,
                             notes: ["Alignment is 1 minus the mean distance between two respondents of one organisation over priorities, ownership, direction, conviction and risk; a pair is published when at least \(max(context.settings.minimumOrganisations, context.settings.minimumRespondents)) organisations contribute."])
    }

    /// The dimension the roles agree least on. When the two lowest alphas differ by less than
    /// ``alphaTie`` they are said to be about equally low (three decimals when two would print
    /// them alike).
    static func weakestAgreement(_ alphas: [(String, Double)]) -> String? {
        let sorted = alphas.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        guard let weakest = sorted.first else { return nil }
        if sorted.count >= 2, sorted[1].1 - weakest.1 < alphaTie {
            let second = sorted[1]
            var decimals = 2
            if NumberText.format(weakest.1, .decimals(2)) == NumberText.format(second.1, .decimals(2)) { decimals = 3 }
            return "The roles agree about equally little on \(weakest.0.lowercased()) and \(second.0.lowercased()) (Krippendorff's alpha \(NumberText.format(weakest.1, .decimals(decimals))) and \(NumberText.format(second.1, .decimals(decimals))))."
        }
        return "The roles agree least on \(weakest.0.lowercased()) (Krippendorff's alpha \(NumberText.format(weakest.1, .decimals(2))))."
    }

    /// Alphas closer than this are "about equally low".
    static let alphaTie = 0.01

    static let lead = "Do the roles of one organisation share one interpretation of AI? Alignment 1 means two roles answer alike."

    static func dimensionName(_ d: AlignmentDimension) -> String {
        switch d {
        case .priorities: "Priorities"
        case .ownership: "Ownership"
        case .direction: "Direction"
        case .conviction: "Conviction"
        case .risk: "Risk"
        }
    }
}
