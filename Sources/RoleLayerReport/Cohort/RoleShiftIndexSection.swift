import RoleLayerCore

/// The Role Shift Index section: role means with intervals (sorted, stage-step gridlines), stage
/// distribution by role, shifts since the previous wave.
enum RoleShiftIndexSection {
    static let id = "role-shift-index"
    static let title = "Role Shift Index"

    static func make(_ result: RoleShiftIndexResult, context: inout ReportContext) -> ReportSection {
        let names = context.names
        let step = result.stageStep
        let published = result.roles.filter { $0.roleShiftIndex.finiteValue != nil }
        let suppressed = result.roles.filter { $0.roleShiftIndex.isSuppressed }
        context.tally(title, suppressed.count)

        // Findings.
        var findings: [String] = []
        let ordered = published.sorted { a, b in
            a.roleShiftIndex.value! != b.roleShiftIndex.value! ? a.roleShiftIndex.value! > b.roleShiftIndex.value! : names.short(a.role) < names.short(b.role)
        }
        if let top = ordered.first, let bottom = ordered.last, ordered.count >= 2 {
            let gap = top.roleShiftIndex.value! - bottom.roleShiftIndex.value!
            findings.append("\(names.short(top.role)) is furthest along at \(NumberText.format(top.roleShiftIndex.value!, .decimals(1))); "
                            + "\(names.short(bottom.role)) trails at \(NumberText.format(bottom.roleShiftIndex.value!, .decimals(1))), "
                            + "\(Phrase.stageSteps(gap, step: step)) behind (\(Phrase.points(gap))).")
        } else if let only = ordered.first {
            findings.append("Only \(names.short(only.role)) has enough respondents to publish: \(NumberText.format(only.roleShiftIndex.value!, .decimals(1))).")
        } else {
            findings.append("No role has enough respondents in this wave to publish its index.")
        }
        if let previous = result.previousWave {
            let significant = result.roles.filter { $0.shiftIsSignificant == true && $0.shift?.finiteValue != nil }
                .sorted { abs($0.shift!.value!) != abs($1.shift!.value!) ? abs($0.shift!.value!) > abs($1.shift!.value!) : names.short($0.role) < names.short($1.role) }
            if let biggest = significant.first, let shift = biggest.shift, let v = shift.finiteValue {
                var sentence = "Since \(previous), \(names.short(biggest.role)) moved most: \(NumberText.format(v, .signed(1))) points"
                if let (l, u) = shift.interval { sentence += " (\(context.intervalName) \(NumberText.interval(l, u, .signed(1))))" }
                sentence += "."
                if significant.count > 1 {
                    var others = significant.dropFirst().prefix(3).map { "\(names.short($0.role)) \(NumberText.format($0.shift!.value!, .signed(1)))" }
                    if significant.count > 4 { others.append("\(significant.count - 4) more") }
                    sentence += " Also clearly moved: \(Phrase.list(others))."
                }
                findings.append(sentence)
            } else {
                findings.append("No role's shift since \(previous) is distinguishable from zero at the \(context.levelText) level.")
            }
        }
        if !suppressed.isEmpty {
            findings.append("\(Phrase.list(suppressed.map { names.short($0.role) })): too few respondents or organisations to publish (\(SuppressedMark.label)).")
        }

        // Charts.
        let rsiValues = published.map { $0.roleShiftIndex.value! }
        let median = try? Quantile.median(rsiValues)
        let dot = DotIntervalChart(
            title: "Role Shift Index by role, \(result.wave)",
            summary: "Mean position of each role's respondents on the 0 to 100 scale, highest first, with \(context.intervalName)s.",
            rows: result.roles.map { r in
                let e = r.roleShiftIndex
                return .init(label: names.short(r.role), value: e.finiteValue, lower: e.interval?.0, upper: e.interval?.1, suppressed: e.isSuppressed)
            },
            gridStep: step, reference: rsiValues.count >= 2 ? median.map { .init(value: $0, label: "median of roles") } : nil,
            intervalName: context.intervalName)
        let order = dot.sortedRows.map(\.label)
        let byLabel = Dictionary(result.roles.map { (names.short($0.role), $0) }, uniquingKeysWith: { a, _ in a })
        let stacked = StackedBarChart(
            title: "Stage distribution by role, \(result.wave)",
            summary: "Share of each role's respondents at each stage, roles in the order of the index.",
            categories: names.stages,
            rows: order.compactMap { byLabel[$0] }.map { r in
                .init(label: names.short(r.role), shares: r.stageDistribution, suppressed: r.roleShiftIndex.isSuppressed)
            })
        var figures = [ReportFigure(.dotInterval(dot), caption: "Dots: role means; whiskers: \(context.intervalName)s; dotted lines: one stage step (\(NumberText.format(step, .decimals(1))) points) apart; dashed line: median of the role means."),
                       ReportFigure(.stackedBars(stacked), caption: "Share of respondents at each stage, from not started (dark) to stabilised (yellow).")]
        if let previous = result.previousWave {
            let shifts = result.roles.compactMap { r -> DotIntervalChart.Row? in
                guard let s = r.shift else { return nil }
                return .init(label: names.short(r.role), value: s.finiteValue, lower: s.interval?.0, upper: s.interval?.1, suppressed: s.isSuppressed)
            }
            let extent = shifts.flatMap { [$0.value, $0.lower, $0.upper].compactMap { $0 } }.map(abs).max() ?? step
            let half = max((extent / step).rounded(.up), 1) * step
            if !shifts.isEmpty {
                figures.append(ReportFigure(.dotInterval(DotIntervalChart(
                    title: "Shift since \(previous) by role",
                    summary: "Change of each role's index from \(previous) to \(result.wave), in points, with \(context.intervalName)s.",
                    rows: shifts, domain: -half...half, gridStep: step, reference: .init(value: 0, label: "no change", showsValue: false),
                    valueStyle: .signed(1), intervalName: context.intervalName,
                    axisLabel: "Change in index points since \(previous)")),
                    caption: "A shift whose whisker does not cross the dashed zero line is distinguishable from no change."))
            }
        }

        // Table.
        var columns: [ReportTable.Column] = [.init("Role", numeric: false), .init("RSI"), .init(context.intervalName), .init("Respondents"),
                                             .init("Organisations"), .init("Median stage", numeric: false)]
        if result.previousWave != nil { columns += [.init("Shift"), .init("Shift interval"), .init("Panel shift")] }
        // Rows in the chart's order: by RSI, highest first, suppressed and unavailable roles last.
        let rows: [[ReportTable.Cell]] = (ordered + result.roles.filter { $0.roleShiftIndex.finiteValue == nil }).map { r in
            var row: [ReportTable.Cell] = [.text(names.full(r.role)), .estimate(r.roleShiftIndex, .decimals(1)),
                                           .interval(of: r.roleShiftIndex, .decimals(1)), .count(r.roleShiftIndex.n),
                                           .count(r.roleShiftIndex.organisations)]
            if let m = r.medianStage { row.append(.text(names.stage(m))) } else { row.append(r.roleShiftIndex.isSuppressed ? .suppressed : .notAvailable(r.roleShiftIndex.reason ?? "not available")) }
            if result.previousWave != nil {
                if let s = r.shift {
                    row += [.estimate(s, .signed(1)), .interval(of: s, .signed(1))]
                } else {
                    row += [.notAvailable("no previous wave"), .empty]
                }
                row.append(r.panelShift.map { .estimate($0, .signed(1)) } ?? .notAvailable("no panel"))
            }
            return row
        }
        let table = ReportTable(caption: "Role Shift Index by role, \(result.wave) (\(NumberText.format(Double(result.respondents), .count)) respondents, \(NumberText.format(Double(result.organisations), .count)) organisations; highest RSI first, as in the chart)",
                                columns: columns, rows: rows)
        return ReportSection(
            id: id, title: title,
            lead: "Where each role sits on the adoption spectrum: the mean position of its respondents, 0 (not started, no confidence, unprepared) to 100 (stabilised, fully confident and prepared).",
            findings: findings, figures: figures, tables: [table])
    }
}
