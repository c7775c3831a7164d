/// The full result of ``Analysis/run(table:request:)``: every construct per wave and across
/// waves, with the instrument, the settings and the seed that produced them.
///
/// The JSON form (`rolelayer analyze --format json`) is documented in `docs/results.md` and
/// `docs/result-schema.json`; ``schemaVersion`` changes when a field is renamed or removed.
/// No respondent id or comment appears anywhere in it.
public struct AnalysisResult: Sendable, Hashable, Codable {
    /// The version of the result schema this library writes.
    public static let currentSchemaVersion = "1.0.0"

    /// Schema version of this result (``currentSchemaVersion`` when written by this library).
    public var schemaVersion: String
    /// `"RoleLayer"`.
    public var generator: String
    /// The instrument (codebook) the codes refer to.
    public var instrument: Instrument
    /// The settings used (weights, anonymity thresholds, bootstrap B, seed, thresholds).
    public var settings: AnalysisSettings
    /// The seed of every random draw (also in ``settings``).
    public var seed: UInt64
    /// The waves and segment analysed.
    public var selection: Selection
    /// Counts over the selection.
    public var cohort: CohortSummary
    /// One entry per selected wave, in chronological order.
    public var waves: [WaveAnalysis]
    /// Constructs across the selected waves.
    public var acrossWaves: AcrossWaves
    /// Warnings and remarks about the data (for example differing org_stage values).
    public var notes: [String]

    /// Assembles a result; ``schemaVersion``, ``generator`` and ``seed`` are filled in.
    public init(instrument: Instrument, settings: AnalysisSettings, selection: Selection, cohort: CohortSummary,
                waves: [WaveAnalysis], acrossWaves: AcrossWaves, notes: [String]) {
        schemaVersion = AnalysisResult.currentSchemaVersion
        generator = "RoleLayer"
        self.instrument = instrument
        self.settings = settings
        seed = settings.seed
        self.selection = selection
        self.cohort = cohort
        self.waves = waves
        self.acrossWaves = acrossWaves
        self.notes = notes
    }

    /// The waves and segment analysed.
    public struct Selection: Sendable, Hashable, Codable {
        /// The selected waves, chronological.
        public var waves: [Wave]
        /// The segment filter (empty: the whole cohort).
        public var segment: SegmentFilter
    }

    /// Counts over the selected waves.
    public struct CohortSummary: Sendable, Hashable, Codable {
        /// Respondent-waves analysed.
        public var respondents: Int
        /// Distinct organisations (real ones, not lone respondents).
        public var organisations: Int
        /// Distinct clusters (organisations plus lone respondents): the bootstrap's units.
        public var clusters: Int
        /// Number of selected waves.
        public var waves: Int
        /// `false` when the data names no organisation (each respondent is their own cluster).
        public var hasOrganisations: Bool
    }

    /// The across-wave constructs.
    public struct AcrossWaves: Sendable, Hashable, Codable {
        /// Role Lead-Lag Ranking (constructs.md §5).
        public var leadLag: LeadLagRankingResult
        /// Consensus horizon (constructs.md §7).
        public var consensusHorizon: ConsensusHorizonResult
    }
}

/// The per-wave constructs of one cell.
public struct WaveAnalysis: Sendable, Hashable, Codable {
    /// The wave.
    public var wave: Wave
    /// Respondents in the cell.
    public var respondents: Int
    /// Clusters (organisations, or lone respondents) in the cell.
    public var organisations: Int
    /// Role Shift Index (constructs.md §1).
    public var roleShiftIndex: RoleShiftIndexResult
    /// Organisational Adoption Gradient (§2).
    public var adoptionGradient: AdoptionGradientResult
    /// Blocker distribution (§3).
    public var blockers: BlockerDistributionResult
    /// Role Alignment Map (§4).
    public var alignment: AlignmentMapResult
    /// Role Influence Index (§6).
    public var influence: InfluenceIndexResult
}
