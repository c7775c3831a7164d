/// Every tunable of the analysis, with the defaults of constructs.md. Carried by the
/// ``Instrument``, overridable on the command line, and echoed in every result.
///
/// Decoding fills each absent key with its default, so an instrument file may name only the
/// settings it changes.
public struct AnalysisSettings: Sendable, Hashable, Codable {
    /// Weight of the stage term in the respondent position x (default 0.5).
    public var stageWeight: Double = 0.5
    /// Weight of the confidence term in x (default 0.25).
    public var confidenceWeight: Double = 0.25
    /// Weight of the preparedness term in x (default 0.25).
    public var preparednessWeight: Double = 0.25
    /// Anonymity: the least number of respondents a published figure rests on (k_resp, default 5).
    public var minimumRespondents: Int = 5
    /// Anonymity: the least number of organisations a published figure rests on (k_org, default 3).
    public var minimumOrganisations: Int = 3
    /// Cluster-bootstrap replicates B (default 1000; 0 disables intervals).
    public var bootstrapReplicates: Int = 1000
    /// Seed of every random draw (default 20260101).
    public var seed: UInt64 = 20260101
    /// Coverage of the intervals (default 0.95).
    public var confidenceLevel: Double = 0.95
    /// Permutations of the joint blocker test (default 999).
    public var permutations: Int = 999
    /// Largest share of undefined bootstrap replicates before an interval is "not available" (0.10).
    public var maximumUndefinedReplicateShare: Double = 0.10
    /// False-discovery rate of the Benjamini-Hochberg adjustment (default 0.05).
    public var falseDiscoveryRate: Double = 0.05
    /// PageRank damping (default 0.85).
    public var pageRankDamping: Double = 0.85
    /// Sign-off power at or above which a role is a gatekeeper (default 0.5).
    public var gatekeeperThreshold: Double = 0.5
    /// RII at or above which a non-gatekeeper is a validator (default 1.25).
    public var validatorThreshold: Double = 1.25
    /// Leadership alignment at or above which an organisation is in consensus (default 0.75).
    public var consensusAlignment: Double = 0.75
    /// Stage every gatekeeper must reach for consensus (default 3, piloting).
    public var consensusStage: Int = 3
    /// How many fault lines (lowest published pairs) to list (default 5).
    public var faultLineCount: Int = 5
    /// All cross-organisation pairs are used for the chance baseline up to this many (1,000,000).
    public var baselinePairLimit: Int = 1_000_000
    /// Otherwise this many pairs are sampled (100,000).
    public var baselineSampleSize: Int = 100_000
    /// Least roles answering for an organisation's within-organisation gradient (default 3).
    public var withinOrganisationMinimumRoles: Int = 3

    /// The defaults of constructs.md.
    public init() {}

    /// One stage step on the position scale: stage weight x 100 / 6 (8.33 points by default),
    /// computed, never a rounded literal (constructs.md, settled conventions).
    public var stageStep: Double { stageWeight * 100 / 6 }

    private enum CodingKeys: String, CodingKey {
        case stageWeight = "stage_weight", confidenceWeight = "confidence_weight", preparednessWeight = "preparedness_weight"
        case minimumRespondents = "k_respondents", minimumOrganisations = "k_organisations"
        case bootstrapReplicates = "bootstrap", seed, confidenceLevel = "confidence_level", permutations
        case maximumUndefinedReplicateShare = "max_undefined_replicate_share", falseDiscoveryRate = "false_discovery_rate"
        case pageRankDamping = "pagerank_damping", gatekeeperThreshold = "gatekeeper_threshold"
        case validatorThreshold = "validator_threshold", consensusAlignment = "consensus_alignment"
        case consensusStage = "consensus_stage", faultLineCount = "fault_lines"
        case baselinePairLimit = "baseline_pair_limit", baselineSampleSize = "baseline_sample_size"
        case withinOrganisationMinimumRoles = "within_organisation_minimum_roles"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = AnalysisSettings()
        stageWeight = try c.decodeIfPresent(Double.self, forKey: .stageWeight) ?? d.stageWeight
        confidenceWeight = try c.decodeIfPresent(Double.self, forKey: .confidenceWeight) ?? d.confidenceWeight
        preparednessWeight = try c.decodeIfPresent(Double.self, forKey: .preparednessWeight) ?? d.preparednessWeight
        minimumRespondents = try c.decodeIfPresent(Int.self, forKey: .minimumRespondents) ?? d.minimumRespondents
        minimumOrganisations = try c.decodeIfPresent(Int.self, forKey: .minimumOrganisations) ?? d.minimumOrganisations
        bootstrapReplicates = try c.decodeIfPresent(Int.self, forKey: .bootstrapReplicates) ?? d.bootstrapReplicates
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? d.seed
        confidenceLevel = try c.decodeIfPresent(Double.self, forKey: .confidenceLevel) ?? d.confidenceLevel
        permutations = try c.decodeIfPresent(Int.self, forKey: .permutations) ?? d.permutations
        maximumUndefinedReplicateShare = try c.decodeIfPresent(Double.self, forKey: .maximumUndefinedReplicateShare) ?? d.maximumUndefinedReplicateShare
        falseDiscoveryRate = try c.decodeIfPresent(Double.self, forKey: .falseDiscoveryRate) ?? d.falseDiscoveryRate
        pageRankDamping = try c.decodeIfPresent(Double.self, forKey: .pageRankDamping) ?? d.pageRankDamping
        gatekeeperThreshold = try c.decodeIfPresent(Double.self, forKey: .gatekeeperThreshold) ?? d.gatekeeperThreshold
        validatorThreshold = try c.decodeIfPresent(Double.self, forKey: .validatorThreshold) ?? d.validatorThreshold
        consensusAlignment = try c.decodeIfPresent(Double.self, forKey: .consensusAlignment) ?? d.consensusAlignment
        consensusStage = try c.decodeIfPresent(Int.self, forKey: .consensusStage) ?? d.consensusStage
        faultLineCount = try c.decodeIfPresent(Int.self, forKey: .faultLineCount) ?? d.faultLineCount
        baselinePairLimit = try c.decodeIfPresent(Int.self, forKey: .baselinePairLimit) ?? d.baselinePairLimit
        baselineSampleSize = try c.decodeIfPresent(Int.self, forKey: .baselineSampleSize) ?? d.baselineSampleSize
        withinOrganisationMinimumRoles = try c.decodeIfPresent(Int.self, forKey: .withinOrganisationMinimumRoles) ?? d.withinOrganisationMinimumRoles
    }

    /// Problems with these settings, each a sentence; empty when they are usable.
    public func problems() -> [String] {
        var out: [String] = []
        for (name, w) in [("stage_weight", stageWeight), ("confidence_weight", confidenceWeight), ("preparedness_weight", preparednessWeight)] {
            if !(w.isFinite && w >= 0) { out.append("\(name) must be a finite number >= 0") }
        }
        if !(stageWeight > 0) { out.append("stage_weight must be > 0 (a respondent's position needs the stage)") }
        if minimumRespondents < 1 { out.append("k_respondents must be at least 1") }
        if minimumOrganisations < 1 { out.append("k_organisations must be at least 1") }
        if bootstrapReplicates < 0 { out.append("bootstrap must be 0 or more") }
        if !(confidenceLevel > 0 && confidenceLevel < 1) { out.append("confidence_level must lie strictly between 0 and 1") }
        if permutations < 0 { out.append("permutations must be 0 or more") }
        if !(0...1).contains(maximumUndefinedReplicateShare) { out.append("max_undefined_replicate_share must lie in 0...1") }
        if !(falseDiscoveryRate > 0 && falseDiscoveryRate < 1) { out.append("false_discovery_rate must lie strictly between 0 and 1") }
        if !(pageRankDamping >= 0 && pageRankDamping < 1) { out.append("pagerank_damping must lie in 0..<1") }
        if !(0...1).contains(gatekeeperThreshold) { out.append("gatekeeper_threshold must lie in 0...1") }
        if !(validatorThreshold.isFinite && validatorThreshold > 0) { out.append("validator_threshold must be > 0") }
        if !(0...1).contains(consensusAlignment) { out.append("consensus_alignment must lie in 0...1") }
        if !Stage.range.contains(consensusStage) { out.append("consensus_stage must lie in 0...6") }
        if faultLineCount < 0 { out.append("fault_lines must be 0 or more") }
        if baselinePairLimit < 1 || baselineSampleSize < 1 { out.append("baseline_pair_limit and baseline_sample_size must be at least 1") }
        if withinOrganisationMinimumRoles < 2 { out.append("within_organisation_minimum_roles must be at least 2") }
        return out
    }
}
