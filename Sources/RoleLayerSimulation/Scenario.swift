import RoleLayerCore

/// A simulation scenario: every parameter of the fieldwork panel that ``PanelSimulator``
/// generates, with the planted effects (docs/simulation.md gives the model's formulas).
///
/// Decoding is an *override*: every key is optional and takes the value of ``Scenario/default``
/// when absent, so a scenario file names only what it changes. Inside `roles`, each role's
/// parameters are merged the same way onto that role's default (a role the default does not know
/// starts from ``RoleParameters/neutral``), and a role's `blockers` map is merged key by key onto
/// its default map. Lists and distributions (`sectors`, `ownership_view`, a role's `priorities`,
/// a role's `ownership`) replace the default as a whole.
///
/// Units: stage quantities are in stage points of the 0...6 scale; confidence and preparedness
/// quantities in points of the 1...7 scale; direction quantities in points of the -2...2 scale;
/// rates, shares and propensities are probabilities 0...1.
public struct Scenario: Sendable, Hashable, Codable {
    /// Seed of every random draw (any 64-bit value).
    public var seed: UInt64
    /// Organisations in the first wave, ≥ 1.
    public var organisations: Int
    /// Number of waves, 1...4000.
    public var waves: Int
    /// The first wave; later waves follow at the same granularity (quarterly for `2026-Q1`).
    public var firstWave: Wave
    /// Order of the generated records; see ``GenerationOrder``.
    public var order: GenerationOrder
    /// Sectors with their shares of organisations and maturity offsets.
    public var sectors: [Segment]
    /// Size bands with shares, maturity offsets and survey-weight factors.
    public var sizeBands: [Segment]
    /// Regions with shares and maturity offsets.
    public var regions: [Segment]
    /// Organisational maturity: level, spread and growth per wave.
    public var maturity: Maturity
    /// Panel dynamics: attrition, entrants, role persistence, turnover.
    public var panel: Panel
    /// Spreads and loadings of the latent model.
    public var model: LatentModel
    /// Item non-response rates.
    public var itemNonresponse: ItemNonresponse
    /// Base propensity of citing each blocker (blocker code → probability), for every role; a
    /// role's `blockers` map overrides single entries. Blockers not listed have propensity 0.
    public var blockerBase: [String: Double]
    /// Probability that a respondent with independence 0 also cites the organisation's shared
    /// concern (one blocker per organisation); scaled by (1 - independence) per role.
    public var organisationConcern: Double
    /// Popularity of each priority in organisations' shared views (priority code → utility
    /// offset, in standard deviations of the organisation view; absent = 0).
    public var priorityPopularity: [String: Double]
    /// Distribution of the length of a priority list: `[P(1), P(2), P(3), ...]` up to the
    /// instrument's maximum; normalised before use.
    public var priorityListLengths: [Double]
    /// Distribution of organisations' shared view of who should own AI strategy (role code,
    /// `shared` or `unclear` → weight; normalised before use).
    public var ownershipView: [String: Double]
    /// The direction (preferred pace) model.
    public var direction: DirectionModel
    /// Optional survey weights.
    public var weights: WeightModel
    /// Share of respondents who leave a free-text comment (from a fixed list that exercises CSV
    /// quoting: commas, quotes, line breaks).
    public var comments: Double
    /// Per-role parameters keyed by role code.
    public var roles: [String: RoleParameters]

    /// Creates a scenario from its parts.
    public init(
        seed: UInt64, organisations: Int, waves: Int, firstWave: Wave, order: GenerationOrder,
        sectors: [Segment], sizeBands: [Segment], regions: [Segment], maturity: Maturity, panel: Panel,
        model: LatentModel, itemNonresponse: ItemNonresponse, blockerBase: [String: Double],
        organisationConcern: Double, priorityPopularity: [String: Double], priorityListLengths: [Double],
        ownershipView: [String: Double], direction: DirectionModel, weights: WeightModel, comments: Double,
        roles: [String: RoleParameters]
    ) {
        self.seed = seed
        self.organisations = organisations
        self.waves = waves
        self.firstWave = firstWave
        self.order = order
        self.sectors = sectors
        self.sizeBands = sizeBands
        self.regions = regions
        self.maturity = maturity
        self.panel = panel
        self.model = model
        self.itemNonresponse = itemNonresponse
        self.blockerBase = blockerBase
        self.organisationConcern = organisationConcern
        self.priorityPopularity = priorityPopularity
        self.priorityListLengths = priorityListLengths
        self.ownershipView = ownershipView
        self.direction = direction
        self.weights = weights
        self.comments = comments
        self.roles = roles
    }

    /// The waves of the scenario, in order: ``firstWave`` and its ``waves`` - 1 successors.
    public var waveList: [Wave] {
        var out: [Wave] = []
        out.reserveCapacity(max(waves, 0))
        var w = firstWave
        for i in 0..<max(waves, 0) {
            if i > 0 { w = w.next }
            out.append(w)
        }
        return out
    }

    /// The parameters of `role`: its entry in ``roles`` or ``RoleParameters/neutral``.
    public func parameters(of role: Role) -> RoleParameters {
        roles[role.rawValue] ?? .neutral
    }

    // MARK: - Coding

    enum CodingKeys: String, CodingKey, CaseIterable {
        case seed, organisations, waves, firstWave = "first_wave", order, sectors
        case sizeBands = "size_bands", regions, maturity, panel, model
        case itemNonresponse = "item_nonresponse", blockerBase = "blocker_base"
        case organisationConcern = "organisation_concern", priorityPopularity = "priority_popularity"
        case priorityListLengths = "priority_list_lengths", ownershipView = "ownership_view"
        case direction, weights, comments, roles
    }

    /// Decodes an override of ``Scenario/default``: absent keys keep the default's value.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Scenario.default
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? d.seed
        organisations = try c.decodeIfPresent(Int.self, forKey: .organisations) ?? d.organisations
        waves = try c.decodeIfPresent(Int.self, forKey: .waves) ?? d.waves
        firstWave = try c.decodeIfPresent(Wave.self, forKey: .firstWave) ?? d.firstWave
        order = try c.decodeIfPresent(GenerationOrder.self, forKey: .order) ?? d.order
        sectors = try c.decodeIfPresent([Segment].self, forKey: .sectors) ?? d.sectors
        sizeBands = try c.decodeIfPresent([Segment].self, forKey: .sizeBands) ?? d.sizeBands
        regions = try c.decodeIfPresent([Segment].self, forKey: .regions) ?? d.regions
        maturity = try c.decodeIfPresent(Maturity.self, forKey: .maturity) ?? d.maturity
        panel = try c.decodeIfPresent(Panel.self, forKey: .panel) ?? d.panel
        model = try c.decodeIfPresent(LatentModel.self, forKey: .model) ?? d.model
        itemNonresponse = try c.decodeIfPresent(ItemNonresponse.self, forKey: .itemNonresponse) ?? d.itemNonresponse
        if let base = try c.decodeIfPresent([String: Double].self, forKey: .blockerBase) {
            blockerBase = d.blockerBase.merging(base) { _, new in new }
        } else {
            blockerBase = d.blockerBase
        }
        organisationConcern = try c.decodeIfPresent(Double.self, forKey: .organisationConcern) ?? d.organisationConcern
        if let pop = try c.decodeIfPresent([String: Double].self, forKey: .priorityPopularity) {
            priorityPopularity = d.priorityPopularity.merging(pop) { _, new in new }
        } else {
            priorityPopularity = d.priorityPopularity
        }
        priorityListLengths = try c.decodeIfPresent([Double].self, forKey: .priorityListLengths) ?? d.priorityListLengths
        ownershipView = try c.decodeIfPresent([String: Double].self, forKey: .ownershipView) ?? d.ownershipView
        direction = try c.decodeIfPresent(DirectionModel.self, forKey: .direction) ?? d.direction
        weights = try c.decodeIfPresent(WeightModel.self, forKey: .weights) ?? d.weights
        comments = try c.decodeIfPresent(Double.self, forKey: .comments) ?? d.comments
        var roles = d.roles
        if c.contains(.roles) {
            let rc = try c.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .roles)
            for key in rc.allKeys {
                let base = roles[key.stringValue] ?? .neutral
                let sub = try rc.superDecoder(forKey: key)
                roles[key.stringValue] = try RoleParameters(from: sub, defaults: base)
            }
        }
        self.roles = roles
    }
}

/// The order in which ``PanelSimulator`` emits records. Both orders give the same records
/// (each organisation-wave draws from its own random stream); only the order differs.
public enum GenerationOrder: String, Sendable, Hashable, Codable, CaseIterable {
    /// Wave by wave (all of the first wave, then the second, ...); organisations ascending
    /// within a wave, roles in instrument order within an organisation. The default: a fieldwork
    /// file grows this way.
    case wave
    /// Organisation by organisation, each with all its waves in order.
    case organisation
}

/// One category of a segment (a sector, size band or region).
public struct Segment: Sendable, Hashable, Codable {
    /// The value written in the record's segment field, for example `"financial_services"`.
    public var name: String
    /// Share of organisations in this category (normalised over the list before use), > 0.
    public var share: Double
    /// Added to the maturity of the category's organisations, in stage points (default 0).
    public var maturityOffset: Double
    /// Survey-weight factor of the category when weights are enabled (default 1).
    public var weight: Double

    /// Creates a category.
    public init(name: String, share: Double, maturityOffset: Double = 0, weight: Double = 1) {
        self.name = name
        self.share = share
        self.maturityOffset = maturityOffset
        self.weight = weight
    }

    enum CodingKeys: String, CodingKey { case name, share, maturityOffset = "maturity_offset", weight }

    /// Decodes a category; `maturity_offset` defaults to 0 and `weight` to 1.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        share = try c.decode(Double.self, forKey: .share)
        maturityOffset = try c.decodeIfPresent(Double.self, forKey: .maturityOffset) ?? 0
        weight = try c.decodeIfPresent(Double.self, forKey: .weight) ?? 1
    }
}

/// Organisational maturity M_o(t) = m_o + g_o * t, in stage points (t = wave index, 0 = first wave).
public struct Maturity: Sendable, Hashable, Codable {
    /// Mean maturity at the first wave before segment offsets, stage points (default 2.0).
    public var initialMean: Double = 2.0
    /// Standard deviation of organisations' maturity at entry, stage points (default 0.8):
    /// the size of the organisational maturity effect.
    public var initialSD: Double = 0.8
    /// Mean growth of maturity per wave, stage points (default 0.4).
    public var growthPerWave: Double = 0.4
    /// Standard deviation of organisations' growth per wave (default 0.05).
    public var growthSD: Double = 0.05
    /// Share of organisations that supply `org_stage` (default 0.6).
    public var orgStageShare: Double = 0.6
    /// Noise of the supplied `org_stage` around M_o(w) before rounding (default 0.4).
    public var orgStageSD: Double = 0.4

    /// The defaults.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case initialMean = "initial_mean", initialSD = "initial_sd", growthPerWave = "growth_per_wave"
        case growthSD = "growth_sd", orgStageShare = "org_stage_share", orgStageSD = "org_stage_sd"
    }

    /// Decodes with each absent key at its default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Maturity()
        initialMean = try c.decodeIfPresent(Double.self, forKey: .initialMean) ?? d.initialMean
        initialSD = try c.decodeIfPresent(Double.self, forKey: .initialSD) ?? d.initialSD
        growthPerWave = try c.decodeIfPresent(Double.self, forKey: .growthPerWave) ?? d.growthPerWave
        growthSD = try c.decodeIfPresent(Double.self, forKey: .growthSD) ?? d.growthSD
        orgStageShare = try c.decodeIfPresent(Double.self, forKey: .orgStageShare) ?? d.orgStageShare
        orgStageSD = try c.decodeIfPresent(Double.self, forKey: .orgStageSD) ?? d.orgStageSD
    }
}

/// Panel dynamics between waves.
public struct Panel: Sendable, Hashable, Codable {
    /// Probability that an organisation present in a wave drops out before the next (default 0.08);
    /// an organisation that leaves never returns.
    public var attrition: Double = 0.08
    /// New organisations entering at each wave after the first, as a share of `organisations`
    /// (default 0.08; the count per wave is round(entrants * organisations)).
    public var entrants: Double = 0.08
    /// Persistence ρ of a role's answering between consecutive waves, 0...1 (default 0.6):
    /// P(answers | answered before) = ρ + (1 - ρ) p, P(answers | did not) = (1 - ρ) p, so the
    /// role's response rate p holds in every wave.
    public var rolePersistence: Double = 0.6
    /// Probability per wave that a role's respondent is replaced by a new person (new
    /// respondent_id) (default 0.05).
    public var respondentTurnover: Double = 0.05
    /// Probability that an answering role has a second respondent in the organisation-wave (default 0.02).
    public var secondRespondent: Double = 0.02

    /// The defaults.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case attrition, entrants, rolePersistence = "role_persistence"
        case respondentTurnover = "respondent_turnover", secondRespondent = "second_respondent"
    }

    /// Decodes with each absent key at its default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Panel()
        attrition = try c.decodeIfPresent(Double.self, forKey: .attrition) ?? d.attrition
        entrants = try c.decodeIfPresent(Double.self, forKey: .entrants) ?? d.entrants
        rolePersistence = try c.decodeIfPresent(Double.self, forKey: .rolePersistence) ?? d.rolePersistence
        respondentTurnover = try c.decodeIfPresent(Double.self, forKey: .respondentTurnover) ?? d.respondentTurnover
        secondRespondent = try c.decodeIfPresent(Double.self, forKey: .secondRespondent) ?? d.secondRespondent
    }
}

/// Spreads and loadings of the latent model (docs/simulation.md, "The model").
public struct LatentModel: Sendable, Hashable, Codable {
    /// SD of the persistent organisation-role deviation u_or of the stage latent, stage points (0.5).
    public var roleOrganisationSD: Double = 0.5
    /// SD of the per-response noise of the stage latent, stage points (0.6).
    public var stageSD: Double = 0.6
    /// Confidence at a stage latent of 3 before offsets, scale points (4.0).
    public var confidenceCentre: Double = 4.0
    /// Change of confidence per stage point of the stage latent (0.5).
    public var confidenceLoading: Double = 0.5
    /// SD of the per-response noise of confidence (0.8).
    public var confidenceSD: Double = 0.8
    /// Preparedness at a stage latent of 3 before offsets, scale points (3.7).
    public var preparednessCentre: Double = 3.7
    /// Change of preparedness per stage point of the stage latent (0.7).
    public var preparednessLoading: Double = 0.7
    /// SD of the per-response noise of preparedness (0.8).
    public var preparednessSD: Double = 0.8
    /// SD of conviction shared in the organisation and role-specific (mixed by independence), scale points (0.6).
    public var convictionSD: Double = 0.6
    /// SD of organisations' shared priority utilities (1.0).
    public var priorityViewSD: Double = 1.0
    /// SD of the per-response noise of priority utilities (0.5).
    public var priorityNoiseSD: Double = 0.5

    /// The defaults.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case roleOrganisationSD = "role_organisation_sd", stageSD = "stage_sd"
        case confidenceCentre = "confidence_centre", confidenceLoading = "confidence_loading", confidenceSD = "confidence_sd"
        case preparednessCentre = "preparedness_centre", preparednessLoading = "preparedness_loading"
        case preparednessSD = "preparedness_sd", convictionSD = "conviction_sd"
        case priorityViewSD = "priority_view_sd", priorityNoiseSD = "priority_noise_sd"
    }

    /// Decodes with each absent key at its default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = LatentModel()
        roleOrganisationSD = try c.decodeIfPresent(Double.self, forKey: .roleOrganisationSD) ?? d.roleOrganisationSD
        stageSD = try c.decodeIfPresent(Double.self, forKey: .stageSD) ?? d.stageSD
        confidenceCentre = try c.decodeIfPresent(Double.self, forKey: .confidenceCentre) ?? d.confidenceCentre
        confidenceLoading = try c.decodeIfPresent(Double.self, forKey: .confidenceLoading) ?? d.confidenceLoading
        confidenceSD = try c.decodeIfPresent(Double.self, forKey: .confidenceSD) ?? d.confidenceSD
        preparednessCentre = try c.decodeIfPresent(Double.self, forKey: .preparednessCentre) ?? d.preparednessCentre
        preparednessLoading = try c.decodeIfPresent(Double.self, forKey: .preparednessLoading) ?? d.preparednessLoading
        preparednessSD = try c.decodeIfPresent(Double.self, forKey: .preparednessSD) ?? d.preparednessSD
        convictionSD = try c.decodeIfPresent(Double.self, forKey: .convictionSD) ?? d.convictionSD
        priorityViewSD = try c.decodeIfPresent(Double.self, forKey: .priorityViewSD) ?? d.priorityViewSD
        priorityNoiseSD = try c.decodeIfPresent(Double.self, forKey: .priorityNoiseSD) ?? d.priorityNoiseSD
    }
}

/// Probability that an item is left unanswered, per item (stage is never missing).
public struct ItemNonresponse: Sendable, Hashable, Codable {
    public var confidence: Double = 0.03
    public var preparedness: Double = 0.03
    public var blockers: Double = 0.05
    /// Among respondents who cited at least one blocker.
    public var primaryBlocker: Double = 0.12
    public var priorities: Double = 0.05
    public var ownership: Double = 0.06
    public var direction: Double = 0.04
    public var influences: Double = 0.08
    public var signoff: Double = 0.08

    /// The defaults.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case confidence, preparedness, blockers, primaryBlocker = "primary_blocker", priorities
        case ownership, direction, influences, signoff
    }

    /// Decodes with each absent key at its default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ItemNonresponse()
        confidence = try c.decodeIfPresent(Double.self, forKey: .confidence) ?? d.confidence
        preparedness = try c.decodeIfPresent(Double.self, forKey: .preparedness) ?? d.preparedness
        blockers = try c.decodeIfPresent(Double.self, forKey: .blockers) ?? d.blockers
        primaryBlocker = try c.decodeIfPresent(Double.self, forKey: .primaryBlocker) ?? d.primaryBlocker
        priorities = try c.decodeIfPresent(Double.self, forKey: .priorities) ?? d.priorities
        ownership = try c.decodeIfPresent(Double.self, forKey: .ownership) ?? d.ownership
        direction = try c.decodeIfPresent(Double.self, forKey: .direction) ?? d.direction
        influences = try c.decodeIfPresent(Double.self, forKey: .influences) ?? d.influences
        signoff = try c.decodeIfPresent(Double.self, forKey: .signoff) ?? d.signoff
    }
}

/// Direction d* = (1 - ι_r) D_o + ι_r * stance_r + noise, D_o ~ N(mean, organisationSD).
public struct DirectionModel: Sendable, Hashable, Codable {
    /// Mean of organisations' shared direction, -2...2 scale (default 0.5).
    public var mean: Double = 0.5
    /// SD of organisations' shared direction (default 0.7).
    public var organisationSD: Double = 0.7
    /// SD of the per-response noise (default 0.5).
    public var noiseSD: Double = 0.5

    /// The defaults.
    public init() {}

    enum CodingKeys: String, CodingKey { case mean, organisationSD = "organisation_sd", noiseSD = "noise_sd" }

    /// Decodes with each absent key at its default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = DirectionModel()
        mean = try c.decodeIfPresent(Double.self, forKey: .mean) ?? d.mean
        organisationSD = try c.decodeIfPresent(Double.self, forKey: .organisationSD) ?? d.organisationSD
        noiseSD = try c.decodeIfPresent(Double.self, forKey: .noiseSD) ?? d.noiseSD
    }
}

/// Optional survey weights: weight_o = size-band factor * exp(sd * z - sd² / 2), z ~ N(0, 1),
/// one per organisation (all its respondents), rounded to 4 decimals; 1 when disabled.
public struct WeightModel: Sendable, Hashable, Codable {
    /// Whether records carry weights other than 1 (default false).
    public var enabled: Bool = false
    /// Log-scale SD of the organisation jitter (default 0.3).
    public var sd: Double = 0.3

    /// The defaults.
    public init() {}

    enum CodingKeys: String, CodingKey { case enabled, sd }

    /// Decodes with each absent key at its default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = WeightModel()
        enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? d.enabled
        sd = try c.decodeIfPresent(Double.self, forKey: .sd) ?? d.sd
    }
}

/// A planted lead-lag relation: the role is an exact copy of `role`'s adoption trajectory,
/// running `lagWaves` waves behind it.
public struct FollowRelation: Sendable, Hashable, Codable {
    /// The leading role's code.
    public var role: String
    /// The lag in waves, ≥ 0 (fractional lags allowed).
    public var lagWaves: Double

    /// Creates a relation.
    public init(role: String, lagWaves: Double) {
        self.role = role
        self.lagWaves = lagWaves
    }

    enum CodingKeys: String, CodingKey { case role, lagWaves = "lag_waves" }
}

/// The parameters of one role.
public struct RoleParameters: Sendable, Hashable, Codable {
    /// P(the role answers in an organisation-wave), 0...1.
    public var responseRate: Double
    /// δS: added to the stage latent, stage points (positive = ahead).
    public var stageOffset: Double
    /// δC: added to the confidence latent, scale points.
    public var confidenceOffset: Double
    /// δP: added to the preparedness latent, scale points.
    public var preparednessOffset: Double
    /// κ: multiplies the organisation's maturity growth for this role (1 = same speed).
    public var speed: Double
    /// Planted lag: when set, the role's stage, confidence and preparedness follow the leader's
    /// trajectory `lag_waves` waves later; its own offsets and speed are then ignored.
    public var follows: FollowRelation?
    /// ι: independence from the organisation's shared view, 0...1 (0 = always the shared view).
    public var independence: Double
    /// The role's own stance on direction, -2...2 scale.
    public var directionStance: Double
    /// The role's own favoured priorities, most favoured first (utility bonuses 2, 1.5, 1, 0.5, ...).
    public var priorities: [String]
    /// The role's own view of ownership (role code, `shared`, `unclear`, or `self` for the own
    /// role → weight); used with probability ι.
    public var ownership: [String: Double]
    /// Propensities of citing blockers (code → probability), overriding ``Scenario/blockerBase``.
    public var blockers: [String: Double]
    /// P(a respondent of another role names this role under `influences`).
    public var nomination: Double
    /// P(a respondent, of any role, lists this role under `signoff`).
    public var signoff: Double

    /// Creates role parameters.
    public init(
        responseRate: Double, stageOffset: Double = 0, confidenceOffset: Double = 0, preparednessOffset: Double = 0,
        speed: Double = 1, follows: FollowRelation? = nil, independence: Double = 0.4, directionStance: Double = 0,
        priorities: [String] = [], ownership: [String: Double] = ["self": 0.4, "shared": 0.4, "unclear": 0.2],
        blockers: [String: Double] = [:], nomination: Double = 0.12, signoff: Double = 0.1
    ) {
        self.responseRate = responseRate
        self.stageOffset = stageOffset
        self.confidenceOffset = confidenceOffset
        self.preparednessOffset = preparednessOffset
        self.speed = speed
        self.follows = follows
        self.independence = independence
        self.directionStance = directionStance
        self.priorities = priorities
        self.ownership = ownership
        self.blockers = blockers
        self.nomination = nomination
        self.signoff = signoff
    }

    /// Parameters of a role the default scenario does not know: response rate 0.6, no offsets.
    public static let neutral = RoleParameters(responseRate: 0.6)

    enum CodingKeys: String, CodingKey {
        case responseRate = "response_rate", stageOffset = "stage_offset", confidenceOffset = "confidence_offset"
        case preparednessOffset = "preparedness_offset", speed, follows, independence
        case directionStance = "direction_stance", priorities, ownership, blockers, nomination, signoff
    }

    /// Decodes with every absent key at ``neutral``'s value.
    public init(from decoder: any Decoder) throws {
        try self.init(from: decoder, defaults: .neutral)
    }

    /// Decodes with every absent key at `defaults`' value; `blockers` merges key by key, and
    /// `follows: null` removes a default relation.
    public init(from decoder: any Decoder, defaults d: RoleParameters) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        responseRate = try c.decodeIfPresent(Double.self, forKey: .responseRate) ?? d.responseRate
        stageOffset = try c.decodeIfPresent(Double.self, forKey: .stageOffset) ?? d.stageOffset
        confidenceOffset = try c.decodeIfPresent(Double.self, forKey: .confidenceOffset) ?? d.confidenceOffset
        preparednessOffset = try c.decodeIfPresent(Double.self, forKey: .preparednessOffset) ?? d.preparednessOffset
        speed = try c.decodeIfPresent(Double.self, forKey: .speed) ?? d.speed
        if c.contains(.follows) {
            follows = try c.decodeIfPresent(FollowRelation.self, forKey: .follows)
        } else {
            follows = d.follows
        }
        independence = try c.decodeIfPresent(Double.self, forKey: .independence) ?? d.independence
        directionStance = try c.decodeIfPresent(Double.self, forKey: .directionStance) ?? d.directionStance
        priorities = try c.decodeIfPresent([String].self, forKey: .priorities) ?? d.priorities
        ownership = try c.decodeIfPresent([String: Double].self, forKey: .ownership) ?? d.ownership
        if let b = try c.decodeIfPresent([String: Double].self, forKey: .blockers) {
            blockers = d.blockers.merging(b) { _, new in new }
        } else {
            blockers = d.blockers
        }
        nomination = try c.decodeIfPresent(Double.self, forKey: .nomination) ?? d.nomination
        signoff = try c.decodeIfPresent(Double.self, forKey: .signoff) ?? d.signoff
    }

    /// Encodes every key (`follows` only when set).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(responseRate, forKey: .responseRate)
        try c.encode(stageOffset, forKey: .stageOffset)
        try c.encode(confidenceOffset, forKey: .confidenceOffset)
        try c.encode(preparednessOffset, forKey: .preparednessOffset)
        try c.encode(speed, forKey: .speed)
        try c.encodeIfPresent(follows, forKey: .follows)
        try c.encode(independence, forKey: .independence)
        try c.encode(directionStance, forKey: .directionStance)
        try c.encode(priorities, forKey: .priorities)
        try c.encode(ownership, forKey: .ownership)
        try c.encode(blockers, forKey: .blockers)
        try c.encode(nomination, forKey: .nomination)
        try c.encode(signoff, forKey: .signoff)
    }
}

/// A coding key for maps keyed by codes.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}
