import RoleLayerCore

/// The construct results one cohort report shows: the constructs of one analysed wave (cell),
/// the constructs across waves, and what the overview needs to say where they come from.
public struct CohortReportInput: Sendable {
    /// The instrument (role, blocker and stage names).
    public var instrument: Instrument
    /// The settings the analysis ran with (thresholds, bootstrap, seed).
    public var settings: AnalysisSettings
    /// Name of the cohort or study (shown in the title).
    public var cohortName: String
    /// Every wave in the study, chronological.
    public var studyWaves: [Wave]
    /// The segment filter in words ("all respondents" when none).
    public var segment: String
    /// Role Shift Index of the analysed wave (with shifts when a previous wave exists).
    public var roleShiftIndex: RoleShiftIndexResult
    /// Organisational Adoption Gradient of the analysed wave.
    public var adoptionGradient: AdoptionGradientResult
    /// The within-organisation gradients g_o (index points) behind
    /// ``AdoptionGradientResult/withinOrganisation``, any order, without organisation keys; `nil`
    /// leaves the histogram out (the summary figures are still shown).
    public var withinOrganisationGradients: [Double]?
    /// Blocker distribution of the analysed wave.
    public var blockers: BlockerDistributionResult
    /// Role Alignment Map of the analysed wave.
    public var alignment: AlignmentMapResult
    /// Lead-lag ranking across the study's waves; `nil` with fewer than two waves.
    public var leadLag: LeadLagRankingResult?
    /// Role Influence Index of the analysed wave.
    public var influence: InfluenceIndexResult
    /// Consensus horizon across the waves; `nil` when not computed.
    public var consensus: ConsensusHorizonResult?
    /// Footer text (tool name and version); no date is added, so output stays reproducible.
    public var generator: String

    public init(instrument: Instrument, settings: AnalysisSettings, cohortName: String, studyWaves: [Wave],
                segment: String = "all respondents", roleShiftIndex: RoleShiftIndexResult,
                adoptionGradient: AdoptionGradientResult, withinOrganisationGradients: [Double]? = nil,
                blockers: BlockerDistributionResult, alignment: AlignmentMapResult, leadLag: LeadLagRankingResult?,
                influence: InfluenceIndexResult, consensus: ConsensusHorizonResult?, generator: String = "RoleLayer") {
        self.instrument = instrument
        self.settings = settings
        self.cohortName = cohortName
        self.studyWaves = studyWaves
        self.segment = segment
        self.roleShiftIndex = roleShiftIndex
        self.adoptionGradient = adoptionGradient
        self.withinOrganisationGradients = withinOrganisationGradients
        self.blockers = blockers
        self.alignment = alignment
        self.leadLag = leadLag
        self.influence = influence
        self.consensus = consensus
        self.generator = generator
    }
}

/// Shared state while one page is built: names, settings, and the tally of suppressed figures
/// per section for the methods section.
struct ReportContext {
    var names: RoleNames
    var settings: AnalysisSettings
    /// Suppressed figures shown, per section title, in page order.
    private(set) var suppressedCounts: [(section: String, count: Int)] = []

    init(instrument: Instrument, settings: AnalysisSettings) {
        names = RoleNames(instrument: instrument)
        self.settings = settings
    }

    /// Records `count` suppressed figures in `section`.
    mutating func tally(_ section: String, _ count: Int) {
        if let i = suppressedCounts.firstIndex(where: { $0.section == section }) {
            suppressedCounts[i].count += count
        } else {
            suppressedCounts.append((section, count))
        }
    }

    /// The stage step of the settings.
    var step: Double { settings.stageStep }

    /// Percentage of the confidence level for interval names: "95%".
    var levelText: String { NumberText.format(settings.confidenceLevel, .percent(0)) }

    /// "95% interval".
    var intervalName: String { "\(levelText) interval" }
}

extension Estimate {
    /// `true` when the value is missing because of the anonymity rule.
    var isSuppressed: Bool { value == nil && reason == AnonymityRule.suppressedReason }

    /// The value when finite.
    var finiteValue: Double? { value.flatMap { $0.isFinite ? $0 : nil } }

    /// Both ends of the interval when published.
    var interval: (Double, Double)? {
        guard let l = lower, let u = upper, l.isFinite, u.isFinite else { return nil }
        return (l, u)
    }
}

extension ReportTable.Cell {
    /// The estimate's value, or suppressed, or not available with its reason.
    static func estimate(_ e: Estimate, _ style: NumberStyle) -> ReportTable.Cell {
        value(e.finiteValue, style, reason: e.reason)
    }

    /// The estimate's interval, or why there is none.
    static func interval(of e: Estimate, _ style: NumberStyle) -> ReportTable.Cell {
        if e.isSuppressed { return .suppressed }
        if let (l, u) = e.interval { return .interval(l, u, style) }
        return .notAvailable(e.reason ?? e.intervalReason ?? "no interval")
    }

    /// A count.
    static func count(_ n: Int) -> ReportTable.Cell { .number(Double(n), .count) }

    /// An optional plain double.
    static func optional(_ v: Double?, _ style: NumberStyle, reason: String = "not available") -> ReportTable.Cell {
        value(v, style, reason: reason)
    }
}
