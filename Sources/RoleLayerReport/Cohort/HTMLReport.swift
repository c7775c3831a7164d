import RoleLayerCore

/// The report pages: the cohort analysis and the organisation diagnostic, as self-contained HTML.
///
/// ``render(_:)`` maps the construct results into a ``ReportModel`` (charts, tables and findings
/// generated from the numbers) and renders it with ``ReportPage``. Deterministic: the same results
/// give the same bytes.
public enum HTMLReport {
    /// The cohort report page.
    public static func render(_ input: CohortReportInput) -> String {
        ReportPage.render(model(input))
    }

    /// The cohort report page from the construct results.
    public static func render(instrument: Instrument, settings: AnalysisSettings, cohortName: String, studyWaves: [Wave],
                              roleShiftIndex: RoleShiftIndexResult, adoptionGradient: AdoptionGradientResult,
                              blockers: BlockerDistributionResult, alignment: AlignmentMapResult, leadLag: LeadLagRankingResult?,
                              influence: InfluenceIndexResult, consensus: ConsensusHorizonResult?) -> String {
        render(CohortReportInput(instrument: instrument, settings: settings, cohortName: cohortName, studyWaves: studyWaves,
                                 roleShiftIndex: roleShiftIndex, adoptionGradient: adoptionGradient, blockers: blockers,
                                 alignment: alignment, leadLag: leadLag, influence: influence, consensus: consensus))
    }

    /// The report model of the cohort page (what ``render(_:)`` draws), for tests and other renderers.
    public static func model(_ input: CohortReportInput) -> ReportModel {
        var context = ReportContext(instrument: input.instrument, settings: input.settings)
        let sections = [
            RoleShiftIndexSection.make(input.roleShiftIndex, context: &context),
            AdoptionGradientSection.make(input.adoptionGradient, gradients: input.withinOrganisationGradients, context: &context),
            BlockerSection.make(input.blockers, context: &context),
            AlignmentSection.make(input.alignment, context: &context),
            LeadLagSection.make(input.leadLag, context: &context),
            InfluenceSection.make(input.influence, context: &context),
            ConsensusSection.make(input.consensus, context: &context),
        ]
        let rsi = input.roleShiftIndex
        let s = input.settings
        var overview = [
            Fact("Cohort", input.cohortName),
            Fact("Wave analysed", rsi.wave.description),
            Fact("Waves in the study", input.studyWaves.isEmpty ? rsi.wave.description
                 : "\(input.studyWaves.first!) to \(input.studyWaves.last!) (\(input.studyWaves.count))"),
            Fact("Respondents", NumberText.format(Double(rsi.respondents), .count)),
            Fact("Organisations", NumberText.format(Double(rsi.organisations), .count)),
            Fact("Roles published", "\(rsi.roles.filter { $0.roleShiftIndex.finiteValue != nil }.count) of \(rsi.roles.count)"),
            Fact("Segment", input.segment),
            Fact("Anonymity threshold", "\(s.minimumRespondents) respondents, \(s.minimumOrganisations) organisations"),
            Fact("Bootstrap", s.bootstrapReplicates == 0 ? "off (no intervals)" : "\(NumberText.format(Double(s.bootstrapReplicates), .count)) replicates, \(context.levelText)"),
            Fact("Seed", String(s.seed)),
        ]
        if input.studyWaves.count <= 1 { overview.remove(at: 2) }
        // One headline per section, the sentence that says most: role against maturity, the
        // leading role's lag, the first otherwise; sections that are not available are left out.
        let preferred = ["", AdoptionGradientSection.comparisonKey, "", "", " by about ", "", ""]
        let headlines = zip(sections, preferred).compactMap { section, key -> String? in
            let pick = key.isEmpty ? section.findings.first : (section.findings.first { $0.contains(key) } ?? section.findings.first)
            return pick.flatMap { $0.contains("not available") ? nil : $0 }
        }
        return ReportModel(
            title: "\(input.cohortName): executive roles and AI adoption",
            subtitle: "Cohort report, wave \(rsi.wave) — \(input.segment)",
            overview: overview,
            headlines: Array(headlines.prefix(6)),
            sections: sections,
            methods: MethodsSection.make(context: context),
            footer: "\(input.generator). Figures resting on fewer than \(s.minimumRespondents) respondents or \(s.minimumOrganisations) organisations are suppressed and shown as \(SuppressedMark.label). Numbers in text are rounded; the tables hold the full values in their data-value attributes.")
    }

    /// The organisation diagnostic page: prominently marked as identifying roles, meant for that
    /// organisation's leadership team only.
    public static func render(diagnostic: OrganisationDiagnosticResult, instrument: Instrument, settings: AnalysisSettings,
                              cohortName: String, generator: String = "RoleLayer") -> String {
        ReportPage.render(DiagnosticPage.model(diagnostic, instrument: instrument, settings: settings, cohortName: cohortName, generator: generator))
    }
}
