import RoleLayerCore

/// The blockers section: role x blocker shares (significant concentrations marked) and lifts,
/// the joint test, the shared-constraint index.
enum BlockerSection {
    static let id = "blockers"
    static let title = "Blockers"

    static func make(_ result: BlockerDistributionResult, context: inout ReportContext) -> ReportSection {
        let names = context.names
        let roles = result.blockers.first?.roles.map(\.role) ?? []
        let columnLabels = roles.map { names.short($0) }
        let rowLabels = result.blockers.map { names.blocker($0.blocker) }
        var suppressedCount = 0
        let shareCells: [[HeatmapCell]] = result.blockers.map { b in
            b.roles.map { r in
                if r.share.isSuppressed { suppressedCount += 1; return .suppressed }
                guard let v = r.share.finiteValue else { return .empty }
                return .value(v, marked: r.concentrated)
            }
        }
        let liftCells: [[HeatmapCell]] = result.blockers.map { b in
            b.roles.map { r in
                if r.lift.isSuppressed { return .suppressed }
                guard let v = r.lift.finiteValue else { return .empty }
                return .value(v, marked: r.concentrated)
            }
        }
        context.tally(title, suppressedCount + (result.sharedConstraintIndex.isSuppressed ? 1 : 0)
                      + result.primaryBlockerProfiles.filter { $0.reason == AnonymityRule.suppressedReason }.count)

        // Findings.
        var findings: [String] = []
        // The same order as the text summary: by adjusted residual z, strongest first.
        let concentrated = Verdict.concentrations(result)
        if Verdict.nothingPublished(result) {
            findings.append("Blockers: \(Verdict.noPublishedFigures).")
        } else if concentrated.isEmpty {
            findings.append("No blocker concentrates in a particular role beyond chance (after the Benjamini-Hochberg adjustment).")
        } else {
            let items = concentrated.prefix(5).map { c -> String in
                let name = names.blocker(c.blocker)
                let z = c.figure.adjustedResidual.map { " (z \(NumberText.format($0, .decimals(1))))" } ?? ""
                return "\(name.prefix(1).lowercased() + name.dropFirst()) in the \(names.short(c.figure.role))\(z)"
            }
            var sentence = "Where blockers concentrate (strongest first): " + items.joined(separator: "; ")
            if concentrated.count > 5 { sentence += "; and \(concentrated.count - 5) more in the table" }
            findings.append(sentence + ".")
        }
        if let p = result.jointTest.pValue {
            findings.append(p <= context.settings.falseDiscoveryRate
                            ? "Taken together, which blockers are cited depends on role (permutation test, p \(pText(p)))."
                            : "Taken together, the blockers cited do not clearly depend on role (permutation test, p \(pText(p))).")
        }
        if let sci = result.sharedConstraintIndex.finiteValue {
            let reading = sci >= 0.8 ? "the roles largely name one shared main constraint" : (sci <= 0.5 ? "the roles face several main constraints at once" : "the roles' main constraints partly overlap")
            findings.append("Shared-constraint index \(NumberText.format(sci, .decimals(2))): \(reading).")
        }

        // Charts.
        let maxShare = shareCells.flatMap { $0 }.compactMap { cell -> Double? in if case .value(let v, _) = cell { return v }; return nil }.max() ?? 1
        let shareTop = max((maxShare * 10).rounded(.up) / 10, 0.1)
        let lifts = liftCells.flatMap { $0 }.compactMap { cell -> Double? in if case .value(let v, _) = cell { return v }; return nil }
        let liftExtreme = lifts.filter { $0 > 0 }.map { max($0, 1 / $0) }.max() ?? 2
        let liftFactor = [2.0, 3, 4, 5].first { liftExtreme <= $0 } ?? 5
        let markLegend = "blocker concentrates in the role (|z| > \(NumberText.format(result.residualThreshold, .decimals(2))) in a test that survives the Benjamini-Hochberg adjustment)"
        let figures = [
            ReportFigure(.heatmap(HeatmapChart(
                title: "Share of each role citing each blocker, \(result.wave)",
                summary: "Share of each role's answering respondents who cite each blocker.",
                rowLabels: rowLabels, columnLabels: columnLabels, cells: shareCells,
                scale: .sequential(0...shareTop), valueStyle: .percent(0), legendLabel: "Share citing the blocker",
                markLegend: markLegend)),
                caption: "Darker cells: fewer cite the blocker; yellow: more. Outlined cells with an asterisk: significant concentrations."),
            ReportFigure(.heatmap(HeatmapChart(
                title: "Lift of each blocker by role, \(result.wave)",
                summary: "Share of the role citing the blocker divided by the share of the whole cell; 1 = as often as everyone.",
                rowLabels: rowLabels, columnLabels: columnLabels, cells: liftCells,
                scale: .divergingRatio(centre: 1, factor: liftFactor), valueStyle: .decimals(1), legendLabel: "Lift (role share / cohort share)",
                markLegend: markLegend)),
                caption: "White: the role cites the blocker as often as the cohort; purple: more often; orange: less often."),
        ]

        // Tables.
        let testRows: [[ReportTable.Cell]] = result.blockers.map { b in
            let concentratedIn = b.roles.filter(\.concentrated).map { names.short($0.role) }
            return [.text(names.blocker(b.blocker)), .estimate(b.cellShare, .percent(0)),
                    .optional(b.test.chiSquare, .decimals(1), reason: b.test.reason ?? "not available"),
                    .optional(b.test.adjustedPValue, .pValue, reason: b.test.reason ?? "not available"),
                    .optional(b.test.cramersV, .decimals(2), reason: b.test.reason ?? "not available"),
                    .text(concentratedIn.isEmpty ? "" : Phrase.list(concentratedIn))]
        }
        var summaryRows: [[ReportTable.Cell]] = [
            [.text("Shared-constraint index"), .estimate(result.sharedConstraintIndex, .decimals(2)), .interval(of: result.sharedConstraintIndex, .decimals(2))],
        ]
        summaryRows.append([.text("Joint permutation test, statistic"), .optional(result.jointTest.statistic, .decimals(1), reason: result.jointTest.reason ?? "not available"), .empty])
        summaryRows.append([.text("Joint permutation test, p (\(NumberText.format(Double(result.jointTest.permutations), .count)) permutations)"),
                            .optional(result.jointTest.pValue, .pValue, reason: result.jointTest.reason ?? "not available"), .empty])
        let tables = [
            ReportTable(caption: "Blockers: cohort share and test of dependence on role (\(NumberText.format(Double(result.respondents), .count)) answering respondents)",
                        columns: [.init("Blocker", numeric: false), .init("Cohort share"), .init("Chi-square"), .init("Adjusted p"), .init("Cramér's V"),
                                  .init("Concentrates in", numeric: false)],
                        rows: testRows),
            ReportTable(caption: "Shared constraint and joint test", columns: [.init("Figure", numeric: false), .init("Value"), .init(context.intervalName)],
                        rows: summaryRows),
        ]
        return ReportSection(
            id: id, title: title,
            lead: "Which blockers each role cites, where a blocker concentrates, and whether the roles face one shared constraint.",
            findings: findings, figures: figures, tables: tables)
    }

    static func pText(_ p: Double) -> String {
        p < 0.001 ? "< 0.001" : "= " + NumberText.format(p, .pValue)
    }
}
