/// The anonymity rule (constructs.md "Common rules"): a figure about a group of respondents is
/// published only when the group has at least k_resp respondents from at least k_org
/// organisations; otherwise its value is `nil` with the reason ``suppressedReason``.
public struct AnonymityRule: Sendable, Hashable, Codable {
    /// k_resp (default 5).
    public var minimumRespondents: Int
    /// k_org (default 3).
    public var minimumOrganisations: Int

    /// The reason recorded on a suppressed figure.
    public static let suppressedReason = "suppressed"

    /// The rule of the given settings.
    public init(settings: AnalysisSettings) {
        minimumRespondents = settings.minimumRespondents
        minimumOrganisations = settings.minimumOrganisations
    }

    /// A rule with explicit thresholds.
    public init(minimumRespondents: Int, minimumOrganisations: Int) {
        self.minimumRespondents = minimumRespondents
        self.minimumOrganisations = minimumOrganisations
    }

    /// `true` when a group of `respondents` from `organisations` distinct clusters may be published.
    public func allows(respondents: Int, organisations: Int) -> Bool {
        respondents >= minimumRespondents && organisations >= minimumOrganisations
    }

    /// The least number of organisations a role-pair alignment value needs:
    /// max(k_org, k_resp) (constructs.md settled conventions, "Pairs and anonymity").
    public var minimumPairOrganisations: Int { max(minimumOrganisations, minimumRespondents) }
}
