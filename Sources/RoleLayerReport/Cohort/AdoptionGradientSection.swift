import RoleLayerCore

/// The Organisational Adoption Gradient section: role gradient against stage gradient, maturity
/// groups, variance shares, within-organisation gradients.
enum AdoptionGradientSection {
    static let id = "adoption-gradient"
    static let title = "Organisational Adoption Gradient"

    static func make(_ result: AdoptionGradientResult, gradients: [Double]?, context: inout ReportContext) -> ReportSection {
        let names = context.names
        let step = result.stageStep
        let w = result.withinOrganisation
        let v = result.varianceDecomposition
        let shown: [Estimate] = [result.roleGradient, result.roleGradientBiasCorrected, result.stageGradient, result.gradientRatio,
                                 w.median, w.interquartileRange, w.shareAtLeastOneStep, w.meanOfOrganisationMeans]
            + result.maturityGroups.map(\.mean)
        context.tally(title, shown.filter(\.isSuppressed).count)

        var findings: [String] = []
        if let g = result.roleGradient.finiteValue, let lead = result.leadingRole, let lag = result.laggingRole {
            var sentence = "The roles span \(Phrase.points(g)) (\(Phrase.stageSteps(g, step: step))), from \(names.short(lead)) down to \(names.short(lag))"
            if let bc = result.roleGradientBiasCorrected.finiteValue { sentence += "; \(NumberText.format(bc, .decimals(1))) after correcting the range's upward bias" }
            findings.append(sentence + ".")
        }
        if let sentence = comparison(result) {
            findings.append(sentence)
        } else if let reason = result.gradientRatio.reason {
            findings.append("The gradient ratio is not available: \(reason.replacingPrefix("not available: ")).")
        }
        if let er = v.etaSquaredRole.finiteValue, let em = v.etaSquaredMaturity.finiteValue {
            findings.append("Role alone accounts for \(Phrase.percent(er)) of the variance in positions, maturity alone for \(Phrase.percent(em)).")
        }
        if let med = w.median.finiteValue, let share = w.shareAtLeastOneStep.finiteValue {
            var sentence = "Inside organisations, the median spread between roles is \(Phrase.points(med)); in \(Phrase.percent(share)) of organisations the roles stand at least one stage step apart"
            if let mean = w.meanOfOrganisationMeans.finiteValue { sentence += ", behind an average position of \(NumberText.format(mean, .decimals(1)))" }
            findings.append(sentence + ".")
        }

        // Charts.
        var figures: [ReportFigure] = []
        func bar(_ label: String, _ e: Estimate) -> PairedBarChart.Bar {
            .init(label: label, value: e.finiteValue, lower: e.interval?.0, upper: e.interval?.1, suppressed: e.isSuppressed,
                  reason: e.isSuppressed ? nil : e.reason?.replacingPrefix("not available: "))
        }
        figures.append(ReportFigure(.pairedBars(PairedBarChart(
            title: "Role gradient against stage gradient, \(result.wave)",
            summary: "Spread between the highest and lowest role, and between the most and least mature organisations, in index points.",
            bars: [bar("Role gradient", result.roleGradient), bar("Role gradient, bias-corrected", result.roleGradientBiasCorrected),
                   bar("Stage gradient", result.stageGradient)],
            axisLabel: "Index points (one stage step = \(NumberText.format(step, .decimals(1))))", intervalName: context.intervalName)),
            caption: "Bars: gradients; whiskers: \(context.intervalName)s. The gradients compare ranges of group means (highest minus lowest); the variance chart below shows which factor explains more."))
        if !result.maturityGroups.isEmpty {
            figures.append(ReportFigure(.dotInterval(DotIntervalChart(
                title: "Mean position by organisational maturity, \(result.wave)",
                summary: "Mean position of respondents grouped by their organisation's maturity stage.",
                rows: result.maturityGroups.map { g in
                    .init(label: names.stage(g.stage), value: g.mean.finiteValue, lower: g.mean.interval?.0, upper: g.mean.interval?.1, suppressed: g.mean.isSuppressed)
                },
                gridStep: step, intervalName: context.intervalName, sorted: false)),
                caption: "Organisations grouped by maturity (lowest first); the stage gradient is the distance between the highest and lowest published group."))
        }
        let shares: [(String, Estimate)] = [("Role (eta-squared)", v.etaSquaredRole), ("Maturity (eta-squared)", v.etaSquaredMaturity),
                                           ("Role (LMG share of R-squared)", v.lmgRole), ("Maturity (LMG share of R-squared)", v.lmgMaturity)]
        figures.append(ReportFigure(.pairedBars(PairedBarChart(
            title: "Variance in positions explained by role and by maturity",
            summary: "Eta-squared of each factor alone, and the Shapley (LMG) split of the two-factor model's R-squared.",
            bars: shares.map { bar($0.0, $0.1) }, domain: 0...max(0.1, (shares.compactMap { $0.1.upper ?? $0.1.value }.max() ?? 0.1)),
            valueStyle: .decimals(2), axisLabel: "Share of variance, 0 to 1", intervalName: context.intervalName)),
            caption: "Role and maturity are correlated, so the LMG split shares their overlap fairly between them."))
        if let gradients, !gradients.isEmpty {
            var markers: [HistogramChart.Marker] = [.init(value: step, label: "one stage step")]
            if let med = w.median.finiteValue { markers.insert(.init(value: med, label: "median"), at: 0) }
            figures.append(ReportFigure(.histogram(HistogramChart(
                title: "Within-organisation gradients, \(result.wave)",
                summary: "Distribution over organisations of the spread between their highest and lowest role.",
                values: gradients, binWidth: step / 2, markers: markers,
                valueLabel: "Spread between roles inside the organisation (points)")),
                caption: "Each bar counts organisations; bins are half a stage step wide.")) 
        }

        // Tables.
        let gradientRows: [[ReportTable.Cell]] = [
            [.text("Role gradient"), .estimate(result.roleGradient, .decimals(1)), .interval(of: result.roleGradient, .decimals(1))],
            [.text("Role gradient, bias-corrected"), .estimate(result.roleGradientBiasCorrected, .decimals(1)), .empty],
            [.text("Standard deviation of role means"), .estimate(result.roleMeansStandardDeviation, .decimals(1)), .interval(of: result.roleMeansStandardDeviation, .decimals(1))],
            [.text("Stage gradient"), .estimate(result.stageGradient, .decimals(1)), .interval(of: result.stageGradient, .decimals(1))],
            [.text("Gradient ratio (role / stage)"), .estimate(result.gradientRatio, .decimals(2)), .interval(of: result.gradientRatio, .decimals(2))],
            [.text("Eta-squared, role"), .estimate(v.etaSquaredRole, .decimals(3)), .interval(of: v.etaSquaredRole, .decimals(3))],
            [.text("Eta-squared, maturity"), .estimate(v.etaSquaredMaturity, .decimals(3)), .interval(of: v.etaSquaredMaturity, .decimals(3))],
            [.text("Partial eta-squared, role (Type II)"), .estimate(v.partialEtaSquaredRole, .decimals(3)), .interval(of: v.partialEtaSquaredRole, .decimals(3))],
            [.text("Partial eta-squared, maturity (Type II)"), .estimate(v.partialEtaSquaredMaturity, .decimals(3)), .interval(of: v.partialEtaSquaredMaturity, .decimals(3))],
            [.text("R-squared, role + maturity"), .estimate(v.rSquared, .decimals(3)), .interval(of: v.rSquared, .decimals(3))],
            [.text("LMG share, role"), .estimate(v.lmgRole, .decimals(3)), .interval(of: v.lmgRole, .decimals(3))],
            [.text("LMG share, maturity"), .estimate(v.lmgMaturity, .decimals(3)), .interval(of: v.lmgMaturity, .decimals(3))],
            [.text("LMG difference (role − maturity)"), .estimate(v.lmgDifference, .signed(3)), .interval(of: v.lmgDifference, .signed(3))],
            [.text("Within-organisation gradient, median"), .estimate(w.median, .decimals(1)), .interval(of: w.median, .decimals(1))],
            [.text("Within-organisation gradient, quartiles"), quartiles(w.lowerQuartile, w.upperQuartile, .decimals(1), reason: w.interquartileRange.reason), .empty],
            [.text("Share of organisations at least one stage step apart"), .estimate(w.shareAtLeastOneStep, .percent(0)), .interval(of: w.shareAtLeastOneStep, .percent(0))],
            [.text("Mean of organisation means"), .estimate(w.meanOfOrganisationMeans, .decimals(1)), .interval(of: w.meanOfOrganisationMeans, .decimals(1))],
        ]
        var tables = [ReportTable(caption: "Gradients and variance decomposition, \(result.wave) (within-organisation figures over \(NumberText.format(Double(w.organisationsIncluded), .count)) organisations)",
                                  columns: [.init("Figure", numeric: false), .init("Value"), .init(context.intervalName)], rows: gradientRows)]
        if !result.adjacentStageGaps.isEmpty {
            tables.append(ReportTable(caption: "Gaps between adjacent maturity groups",
                                      columns: [.init("From", numeric: false), .init("To", numeric: false), .init("Gap"), .init(context.intervalName)],
                                      rows: result.adjacentStageGaps.map { g in
                                          [.text(names.stage(g.fromStage)), .text(names.stage(g.toStage)), .estimate(g.gap, .signed(1)), .interval(of: g.gap, .signed(1))]
                                      }))
        }
        var notes: [String] = []
        if gradients == nil { notes.append("The distribution of within-organisation gradients is summarised by its median and quartiles; the individual gradients were not supplied.") }
        return ReportSection(
            id: id, title: title,
            lead: "Does role or organisational maturity separate readiness more, and how much spread does the enterprise average hide inside organisations?",
            findings: findings, figures: figures, tables: tables, notes: notes)
    }
}

extension AdoptionGradientSection {
    /// Marker of the comparison finding, so the overview picks it as the section's headline.
    static let comparisonKey = "readiness"

    /// The role-versus-maturity finding. The verdict ("which separates readiness more") follows
    /// the LMG difference only, and only when its interval excludes 0 (``Verdict/Factor``); the
    /// gradient ratio is stated as what it is, a comparison of ranges of group means. When the
    /// ratio's interval lies on the other side of 1 than the verdict, the sentence says the two
    /// measures disagree and why. `nil` when neither figure is available.
    static func comparison(_ result: AdoptionGradientResult) -> String? {
        let d = result.varianceDecomposition.lmgDifference
        let verdict = Verdict.Factor(lmgDifference: d)
        var parts: [String] = []
        if let dv = d.finiteValue {
            let figure = "the difference in their shares of the explained variance (LMG, role − maturity) is \(NumberText.format(dv, .signed(3)))"
                + (d.interval.map { " [\(NumberText.format($0.0, .signed(3))), \(NumberText.format($0.1, .signed(3)))]" } ?? "")
            switch verdict {
            case .role: parts.append("Role separates readiness more than organisational maturity does: \(figure)")
            case .maturity: parts.append("Organisational maturity separates readiness more than role does: \(figure)")
            case .aboutEqual: parts.append("Role and organisational maturity separate readiness about equally: \(figure), an interval that includes 0")
            case .notJudged: parts.append("Without an interval, the report does not judge whether role or organisational maturity separates readiness more: \(figure)")
            }
        }
        if let r = result.gradientRatio.finiteValue {
            var range = "the spread between the most and least advanced role is \(NumberText.format(r, .decimals(2))) times the spread between maturity stages"
            if let gs = result.stageGradient.finiteValue { range += " (\(Phrase.points(gs)))" }
            let side = Verdict.Factor(gradientRatio: result.gradientRatio)
            let why = "ranges compare only the extreme groups' means, the variance shares weigh every respondent"
            if parts.isEmpty {
                parts.append(Phrase.sentence(range) + "; without the variance shares the report does not judge which factor separates readiness more")
            } else if (verdict == .role && side == .maturity) || (verdict == .maturity && side == .role) {
                parts.append("The ranges point the other way: \(range); \(why)")
            } else if verdict == .aboutEqual, side == .role || side == .maturity {
                parts.append("The ranges alone would favour \(side == .role ? "role" : "maturity"): \(range); \(why)")
            } else {
                parts.append("By range, \(range)")
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: ". ") + "."
    }
}

/// Two quartiles as one "lower to upper" cell, or why they are missing.
func quartiles(_ lower: Double?, _ upper: Double?, _ style: NumberStyle, reason: String?) -> ReportTable.Cell {
    if let lower, let upper { return .interval(lower, upper, style) }
    return reason == AnonymityRule.suppressedReason ? .suppressed : .notAvailable(reason ?? "not available")
}

extension String {
    /// The string without `prefix` when it starts with it.
    func replacingPrefix(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
    }
}
