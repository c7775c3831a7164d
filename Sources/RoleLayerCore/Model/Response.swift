/// One respondent's answers in one wave: the canonical response record of data.md.
///
/// Optional fields are `nil` when the item was not answered. For the set-valued fields
/// (``blockers``, ``influences``, ``signoff``) `nil` means "not answered" and `[]` means
/// "none selected". Sets are kept in the order first given, without repeats.
public struct Response: Sendable, Hashable, Codable {
    /// Pseudonymous respondent key, unique within a wave. Never appears in any output.
    public var respondentID: String
    /// Pseudonymous organisation key; `nil` when the data has no organisations (each respondent
    /// is then their own cluster, as in public surveys).
    public var organisationID: String?
    /// The wave the response belongs to.
    public var wave: Wave
    /// The respondent's role (after alias mapping).
    public var role: Role
    /// Adoption stage of the respondent's function, 0...6.
    public var stage: Stage
    /// Confidence that AI will create material value in 12 months, 1...7.
    public var confidence: Int?
    /// Preparedness of the function to adopt AI at scale, 1...7.
    public var preparedness: Int?
    /// Blockers cited; `[]` none cited, `nil` not answered.
    public var blockers: [Blocker]?
    /// The primary blocker, one of ``blockers`` when both are given.
    public var primaryBlocker: Blocker?
    /// Up to the instrument's maximum (3) priorities, most important first, no repeats.
    public var priorities: [Priority]?
    /// Who should own AI strategy.
    public var ownership: Ownership?
    /// Preferred pace, -2...2.
    public var direction: Direction?
    /// Roles whose views most shape the respondent's own position (never the own role).
    public var influences: [Role]?
    /// Roles whose sign-off is required before a significant AI investment.
    public var signoff: [Role]?
    /// The organisation's overall maturity when the organisation supplies it, 0...6.
    public var orgStage: Stage?
    /// Cohort segment: sector.
    public var sector: String?
    /// Cohort segment: size band.
    public var sizeBand: String?
    /// Cohort segment: region.
    public var region: String?
    /// Survey weight, finite and > 0; 1 when not given.
    public var weight: Double
    /// Free text: stored, never reported.
    public var comment: String?

    /// Creates a response; every optional answer defaults to "not answered" and the weight to 1.
    public init(
        respondentID: String, organisationID: String?, wave: Wave, role: Role, stage: Stage,
        confidence: Int? = nil, preparedness: Int? = nil, blockers: [Blocker]? = nil,
        primaryBlocker: Blocker? = nil, priorities: [Priority]? = nil, ownership: Ownership? = nil,
        direction: Direction? = nil, influences: [Role]? = nil, signoff: [Role]? = nil,
        orgStage: Stage? = nil, sector: String? = nil, sizeBand: String? = nil, region: String? = nil,
        weight: Double = 1, comment: String? = nil
    ) {
        self.respondentID = respondentID
        self.organisationID = organisationID
        self.wave = wave
        self.role = role
        self.stage = stage
        self.confidence = confidence
        self.preparedness = preparedness
        self.blockers = blockers
        self.primaryBlocker = primaryBlocker
        self.priorities = priorities
        self.ownership = ownership
        self.direction = direction
        self.influences = influences
        self.signoff = signoff
        self.orgStage = orgStage
        self.sector = sector
        self.sizeBand = sizeBand
        self.region = region
        self.weight = weight
        self.comment = comment
    }

    /// The canonical field names of data.md, in the order canonical CSV writers use.
    public static let fieldNames: [String] = [
        "respondent_id", "organisation_id", "wave", "role", "stage", "confidence", "preparedness",
        "blockers", "primary_blocker", "priorities", "ownership", "direction", "influences", "signoff",
        "org_stage", "sector", "size_band", "region", "weight", "comment",
    ]

    /// The fields a canonical file must carry.
    public static let requiredFieldNames: [String] = ["respondent_id", "organisation_id", "wave", "role", "stage"]

    private enum CodingKeys: String, CodingKey {
        case respondentID = "respondent_id", organisationID = "organisation_id", wave, role, stage
        case confidence, preparedness, blockers, primaryBlocker = "primary_blocker", priorities
        case ownership, direction, influences, signoff, orgStage = "org_stage", sector
        case sizeBand = "size_band", region, weight, comment
    }
}
