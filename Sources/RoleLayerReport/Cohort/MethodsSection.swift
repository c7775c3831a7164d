import RoleLayerCore

/// The methods section: definitions, thresholds and suppression counts.
enum MethodsSection {
    static func make(context: ReportContext) -> ReportSection {
        let s = context.settings
        let step = NumberText.format(s.stageStep, .decimals(2))
        let definitions = [
            Fact("Position x", "Each respondent's place on the adoption spectrum: 100 × (\(NumberText.format(s.stageWeight, .decimals(2))) × stage/6 + \(NumberText.format(s.confidenceWeight, .decimals(2))) × (confidence − 1)/6 + \(NumberText.format(s.preparednessWeight, .decimals(2))) × (preparedness − 1)/6), weights renormalised over the answered items. One stage step is \(step) points."),
            Fact("Role Shift Index (RSI)", "The (weighted) mean position of a role's respondents, 0 to 100; shift = change since the previous wave."),
            Fact("Adoption gradient", "Role gradient: highest minus lowest role RSI. Stage gradient: highest minus lowest mean position of organisations grouped by maturity. Ratio above 1: the roles' means spread further apart than the maturity groups' means (a comparison of ranges). Variance shares: eta-squared, Type II partial eta-squared and the LMG (Shapley) split (Lindeman, Merenda & Gold 1980); which factor separates readiness more is judged by the LMG difference, only when its interval excludes 0."),
            Fact("Blockers", "Share of each role citing each blocker with Wilson intervals; lift = role share / cohort share; chi-square test per blocker with Benjamini-Hochberg adjustment (false-discovery rate \(NumberText.format(s.falseDiscoveryRate, .decimals(2)))) and adjusted residuals (Haberman 1973); joint permutation test (\(NumberText.format(Double(s.permutations), .count)) permutations); shared-constraint index = 1 − mean Jensen-Shannon divergence of primary-blocker profiles."),
            Fact("Alignment", "1 minus the mean distance between two leaders of one organisation over priorities (top-k Spearman footrule), ownership, direction, conviction and risk (Jaccard); averaged within organisations, then over organisations. Excess = alignment minus the alignment of leaders of different organisations. Agreement: Krippendorff's alpha; rWG (James, Demaree & Wolf 1984)."),
            Fact("Lead-lag", "Roles ranked by RSI each wave; Kendall's W for stability; lag = median number of waves by which the leader reached the follower's level earlier; convergence = least-squares slope of the gap per wave, judged by its interval."),
            Fact("Influence", "Role Influence Index = PageRank (damping \(NumberText.format(s.pageRankDamping, .decimals(2)))) of the nomination graph × number of roles. Gatekeeper: sign-off power ≥ \(NumberText.format(s.gatekeeperThreshold, .percent(0))); validator: RII ≥ \(NumberText.format(s.validatorThreshold, .decimals(2))); bottleneck: a gatekeeper below the median role. Friction = influence-weighted misalignment."),
            Fact("Consensus horizon", "An organisation is in consensus when its leadership alignment is at least \(NumberText.format(s.consensusAlignment, .decimals(2))) and every gatekeeper is at stage \(s.consensusStage) or beyond; time to consensus by the Kaplan-Meier estimator."),
            Fact("Intervals", s.bootstrapReplicates == 0 ? "Bootstrap disabled: no intervals." : "\(context.levelText) percentile intervals from a cluster bootstrap over organisations (Davison & Hinkley 1997), \(NumberText.format(Double(s.bootstrapReplicates), .count)) replicates, seed \(s.seed)."),
            Fact("Anonymity", "A figure is published only when it rests on at least \(s.minimumRespondents) respondents from at least \(s.minimumOrganisations) organisations (pairs: \(max(s.minimumRespondents, s.minimumOrganisations)) organisations). Otherwise it is shown hatched and labelled \(SuppressedMark.label), never as zero."),
            Fact("Rounding", "Text and tables round for reading (positions to 0.1 point, shares to whole percentages); the unrounded values are in the results file and in each table cell's data-value attribute."),
        ]
        let rows: [[ReportTable.Cell]] = context.suppressedCounts.map { [.text($0.section), .count($0.count)] }
        let total = context.suppressedCounts.reduce(0) { $0 + $1.count }
        return ReportSection(
            id: "methods", title: "Methods",
            lead: "Definitions, thresholds and what was withheld.",
            findings: [total == 0 ? "No figure on this page was suppressed." : "\(NumberText.format(Double(total), .count)) figures on this page were suppressed by the anonymity rule."],
            tables: [ReportTable(caption: "Suppressed figures by section", columns: [.init("Section", numeric: false), .init("Suppressed figures")], rows: rows)],
            definitions: definitions)
    }
}
