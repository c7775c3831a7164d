import RoleLayerCore

/// The organisation diagnostic page: one organisation's roles against the cohort. It identifies
/// roles, so it carries a prominent notice and is meant only for that organisation's leadership.
enum DiagnosticPage {
    static func model(_ result: OrganisationDiagnosticResult, instrument: Instrument, settings: AnalysisSettings,
                      cohortName: String, generator: String) -> ReportModel {
        let names = RoleNames(instrument: instrument)
        let step = settings.stageStep
        let notice = IdentifyingNotice(heading: "Identifies roles in organisation \(result.organisation)", text: result.notice)
        var overview = [Fact("Organisation", result.organisation), Fact("Wave", result.wave.description), Fact("Cohort", cohortName),
                        Fact("Respondents", NumberText.format(Double(result.respondents), .count)),
                        Fact("Roles present", "\(result.roles.count)")]
        if let reason = result.unavailableReason {
            overview.append(Fact("Status", reason))
            return ReportModel(title: "Organisation diagnostic: \(result.organisation)", subtitle: "Wave \(result.wave)", identifyingNotice: notice,
                               overview: overview, headlines: ["The diagnostic is not available: \(reason.replacingPrefix("not available: "))."],
                               footer: generator)
        }

        // Roles against the cohort.
        var roleFindings: [String] = []
        let ahead = result.runningAhead.map { names.short($0) }
        if !ahead.isEmpty {
            roleFindings.append("\(Phrase.list(ahead)) \(ahead.count == 1 ? "is" : "are") running ahead: at least one stage step above the organisation's median while less aligned with the other roles than is usual in the cohort.")
        }
        let sortedRoles = result.roles.sorted { $0.position != $1.position ? $0.position > $1.position : names.short($0.role) < names.short($1.role) }
        if let top = sortedRoles.first, let bottom = sortedRoles.last, sortedRoles.count >= 2 {
            let gap = top.position - bottom.position
            roleFindings.append("\(names.short(top.role)) stands furthest along (\(NumberText.format(top.position, .decimals(1)))), \(names.short(bottom.role)) furthest behind (\(NumberText.format(bottom.position, .decimals(1)))): \(Phrase.stageSteps(gap, step: step)) apart.")
        }
        let low = result.roles.filter { ($0.cohortPercentile ?? 50) <= 10 }.map { "\(names.short($0.role)) (\(ordinal($0.cohortPercentile!)))" }
        let high = result.roles.filter { ($0.cohortPercentile ?? 50) >= 90 }.map { "\(names.short($0.role)) (\(ordinal($0.cohortPercentile!)))" }
        if !low.isEmpty {
            roleFindings.append("In the bottom tenth of the cohort for the same role, by percentile: \(Phrase.list(low)).")
        }
        if !high.isEmpty {
            roleFindings.append("In the top tenth of the cohort for the same role, by percentile: \(Phrase.list(high)).")
        }
        let dot = DotIntervalChart(
            title: "Roles of organisation \(result.organisation) against the cohort",
            summary: "Each role's mean position in this organisation (dot) and the cohort's Role Shift Index for the role (diamond).",
            rows: result.roles.map { .init(label: names.short($0.role), value: $0.position, comparison: $0.cohortRSI) },
            gridStep: step, comparisonName: "cohort RSI", valueName: "this organisation")
        let roleTable = ReportTable(
            caption: "Roles of the organisation against the cohort",
            columns: [.init("Role", numeric: false), .init("Respondents"), .init("Position"), .init("Cohort RSI"), .init("Cohort percentile"),
                      .init("Above organisation median"), .init("Alignment with others"), .init("Cohort median alignment"), .init("Running ahead", numeric: false)],
            rows: result.roles.map { r in
                [.text(names.short(r.role)), .count(r.respondents), .number(r.position, .decimals(1)), .optional(r.cohortRSI, .decimals(1)),
                 .optional(r.cohortPercentile, .decimals(0), reason: r.percentileReason ?? "not available"), .number(r.aboveOrganisationMedian, .signed(1)),
                 .optional(r.meanAlignmentWithOthers, .decimals(2)), .optional(r.cohortMedianAlignmentWithOthers, .decimals(2)),
                 .text(r.runningAhead == true ? "yes" : (r.runningAhead == false ? "no" : ""))]
            })
        let rolesSection = ReportSection(id: "roles", title: "Roles against the cohort", lead: "Where each of your roles stands, and where the same role stands across the cohort.",
                                         findings: roleFindings, figures: [ReportFigure(.dotInterval(dot), caption: "Dots: your roles; diamonds: the cohort's index for the same role.")],
                                         tables: [roleTable])

        // Gradient and alignment percentiles, local capability.
        var summaryFindings: [String] = []
        let g = result.withinOrganisationGradient, a = result.leadershipAlignment
        if let v = g.value, let p = g.percentile {
            summaryFindings.append("The spread between your roles is \(Phrase.points(v)) (\(Phrase.stageSteps(v, step: step))), wider than in \(NumberText.format(p, .decimals(0)))% of the cohort's organisations.")
        }
        if let v = a.value, let p = a.percentile {
            summaryFindings.append("Your leadership alignment is \(NumberText.format(v, .decimals(2))), at the \(ordinal(p)) percentile of the cohort's organisations.")
        }
        if result.localCapability.flagged == true {
            summaryFindings.append("Local capability may be masquerading as collective preparedness: the organisation's average is above the cohort median, but its roles are spread further apart than in three quarters of organisations.")
        }
        let lc = result.localCapability
        let summaryTable = ReportTable(
            caption: "The organisation against the cohort's organisations",
            columns: [.init("Figure", numeric: false), .init("This organisation"), .init("Cohort reference"), .init("Percentile")],
            rows: [
                [.text("Within-organisation gradient (points)"), .optional(g.value, .decimals(1), reason: g.reason ?? "not available"), .empty,
                 .optional(g.percentile, .decimals(0), reason: g.reason ?? "not available")],
                [.text("Leadership alignment"), .optional(a.value, .decimals(2), reason: a.reason ?? "not available"), .empty,
                 .optional(a.percentile, .decimals(0), reason: a.reason ?? "not available")],
                [.text("Agreement on direction (rWG)"), .optional(result.directionAgreement, .decimals(2)), .empty, .empty],
                [.text("Agreement on conviction (rWG)"), .optional(result.convictionAgreement, .decimals(2)), .empty, .empty],
                [.text("Mean position (cohort: median of organisations)"), .optional(lc.organisationMean, .decimals(1), reason: lc.reason ?? "not available"),
                 .optional(lc.cohortMedianOfOrganisationMeans, .decimals(1), reason: lc.reason ?? "not available"), .empty],
                [.text("Gradient (cohort: upper quartile)"), .optional(lc.gradient, .decimals(1), reason: lc.reason ?? "not available"),
                 .optional(lc.cohortGradientUpperQuartile, .decimals(1), reason: lc.reason ?? "not available"), .empty],
            ])
        let summarySection = ReportSection(id: "organisation", title: "Gradient and alignment", lead: "How spread out and how aligned your leadership is, against the cohort's organisations.",
                                           findings: summaryFindings, tables: [summaryTable])

        // Alignment beside the cohort map.
        let roles = result.roles.map(\.role)
        let labels = roles.map { names.short($0) }
        func pair(_ x: Role, _ y: Role) -> DiagnosticPair? {
            result.alignment.first { ($0.roleA == x && $0.roleB == y) || ($0.roleA == y && $0.roleB == x) }
        }
        let own: [[HeatmapCell]] = roles.map { x in roles.map { y in pair(x, y).map { .value($0.alignment, marked: $0.belowCohortLowerQuartile == true) } ?? .empty } }
        let cohort: [[HeatmapCell]] = roles.map { x in
            roles.map { y in
                guard let e = pair(x, y)?.cohort else { return .empty }
                if e.isSuppressed { return .suppressed }
                return e.finiteValue.map { .value($0) } ?? .empty
            }
        }
        let cohortValues = result.alignment.compactMap { $0.roleA != $0.roleB ? $0.cohort.finiteValue : nil }
        let centre = cohortValues.isEmpty ? 0.5 : cohortValues.reduce(0, +) / Double(cohortValues.count)
        let scale = HeatmapScale.diverging(centre: centre, fitting: result.alignment.map(\.alignment) + cohortValues)
        let flagged = result.alignment.filter { $0.belowCohortLowerQuartile == true }
        var alignmentFindings: [String] = []
        if flagged.isEmpty {
            alignmentFindings.append("No pair of your roles is less aligned than three quarters of the cohort's organisations.")
        } else {
            alignmentFindings.append("Below the cohort's lower quartile: \(Phrase.list(flagged.map { "\(names.short($0.roleA))–\(names.short($0.roleB)) (\(NumberText.format($0.alignment, .decimals(2))))" })).")
        }
        let alignmentSection = ReportSection(
            id: "alignment", title: "Alignment beside the cohort map",
            lead: "How closely each pair of your roles answers alike, next to the same pair across the cohort.",
            findings: alignmentFindings,
            figures: [
                ReportFigure(.heatmap(HeatmapChart(title: "Alignment between your roles", summary: "Alignment of each pair of roles in this organisation, 0 to 1.",
                                                   rowLabels: labels, columnLabels: labels, cells: own, scale: scale, valueStyle: .decimals(2),
                                                   legendLabel: "Alignment, centred on the cohort's mean for these pairs",
                                                   markLegend: "below the cohort's 25th percentile for the pair")),
                             caption: "Outlined cells with an asterisk: pairs less aligned than three quarters of the cohort's organisations."),
                ReportFigure(.heatmap(HeatmapChart(title: "Alignment of the same roles across the cohort", summary: "The cohort's alignment of each pair, 0 to 1.",
                                                   rowLabels: labels, columnLabels: labels, cells: cohort, scale: scale, valueStyle: .decimals(2),
                                                   legendLabel: "Alignment, centred on the cohort's mean for these pairs")),
                             caption: "The same colour scale as the map above."),
            ],
            tables: [ReportTable(caption: "Role pairs", columns: [.init("Pair", numeric: false), .init("This organisation"), .init("Cohort"),
                                                                  .init("Cohort 25th percentile"), .init("Flagged", numeric: false)],
                                 rows: result.alignment.map { p in
                                     [.text("\(names.short(p.roleA)) – \(names.short(p.roleB))"), .number(p.alignment, .decimals(2)), .estimate(p.cohort, .decimals(2)),
                                      .optional(p.cohortLowerQuartile, .decimals(2)), .text(p.belowCohortLowerQuartile == true ? "below" : "")]
                                 })])

        // Risks.
        var riskFindings: [String] = []
        if !result.unacknowledgedRisks.isEmpty {
            riskFindings.append("\(result.unacknowledgedRisks.count) blocker\(result.unacknowledgedRisks.count == 1 ? " is" : "s are") cited by one role only: "
                                + Phrase.list(result.unacknowledgedRisks.map { "\(names.blocker($0.blocker)) (\(names.short($0.role)))" }) + ".")
        } else if let reason = result.unacknowledgedRiskReason {
            riskFindings.append("Unacknowledged risks: \(reason.replacingPrefix("not available: ")).")
        } else {
            riskFindings.append("Every blocker your roles cite is cited by more than one role.")
        }
        let risksSection = ReportSection(id: "risks", title: "Unacknowledged risk", lead: "Blockers only one of your roles cites: risks the rest of the leadership may not see.",
                                         findings: riskFindings,
                                         tables: [ReportTable(caption: "Blockers cited by exactly one role", columns: [.init("Blocker", numeric: false), .init("Cited by", numeric: false)],
                                                              rows: result.unacknowledgedRisks.map { [.text(names.blocker($0.blocker)), .text(names.full($0.role))] })])
        let sections = [rolesSection, summarySection, alignmentSection, risksSection]
        return ReportModel(
            title: "Organisation diagnostic: \(result.organisation)",
            subtitle: "Wave \(result.wave), compared with \(cohortPhrase(cohortName))",
            identifyingNotice: notice, overview: overview,
            headlines: sections.compactMap { $0.findings.first },
            sections: sections,
            methods: ReportSection(id: "methods", title: "Methods", definitions: [
                Fact("Position", "Each respondent's place on the adoption spectrum, 0 to 100; one stage step is \(NumberText.format(step, .decimals(2))) points."),
                Fact("Percentiles", "Mid-rank percentiles among the cohort's respondents of the same role, or among the cohort's organisations (this one included)."),
                Fact("Running ahead", "A role at least one stage step above the organisation's median whose mean alignment with the others is below the cohort median for that role."),
                Fact("Local capability masquerading as collective preparedness", "An organisation mean above the cohort median while the spread between roles is in the cohort's top quartile."),
            ]),
            footer: generator + ". This page identifies roles in one organisation.")
    }

    /// "23rd", "1st", "12th".
    static func ordinal(_ p: Double) -> String {
        let n = Int(p.rounded())
        let suffix: String
        switch (n % 10, n % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(n)\(suffix)"
    }

    /// "the RoleLayer cohort" for a cohort name that already ends in "cohort", else "the X cohort".
    static func cohortPhrase(_ name: String) -> String {
        name.split(separator: " ").last?.lowercased() == "cohort" ? "the \(name)" : "the \(name) cohort"
    }
}
