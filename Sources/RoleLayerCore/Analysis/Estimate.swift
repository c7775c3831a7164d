/// A published figure: its value, its interval, the counts it rests on, and why any part is
/// missing. Every headline number of a result is an `Estimate`.
///
/// `value == nil` always comes with a ``reason`` (``AnonymityRule/suppressedReason``, or
/// `"not available: …"`). `lower`/`upper` are the cluster-bootstrap percentile interval at the
/// settings' level; when they are `nil`, ``intervalReason`` says why.
public struct Estimate: Sendable, Hashable, Codable {
    /// The point estimate, or `nil` when suppressed or not available.
    public var value: Double?
    /// Lower end of the interval.
    public var lower: Double?
    /// Upper end of the interval.
    public var upper: Double?
    /// Respondents the figure rests on (unweighted count).
    public var n: Int
    /// Organisations (clusters) the figure rests on.
    public var organisations: Int
    /// Why ``value`` is missing; `nil` when published.
    public var reason: String?
    /// Why the interval is missing, when the value is published but the interval is not.
    public var intervalReason: String?

    /// A published value; `lower`/`upper` nil with `intervalReason` when there is no interval.
    public init(value: Double, n: Int, organisations: Int, lower: Double? = nil, upper: Double? = nil, intervalReason: String? = nil) {
        self.value = value
        self.n = n
        self.organisations = organisations
        self.lower = lower
        self.upper = upper
        self.intervalReason = (lower == nil || upper == nil) ? (intervalReason ?? "no interval") : nil
        reason = nil
    }

    /// A missing value with its reason.
    public init(missing reason: String, n: Int, organisations: Int) {
        value = nil
        lower = nil
        upper = nil
        self.n = n
        self.organisations = organisations
        self.reason = reason
        intervalReason = nil
    }

    /// A suppressed value (the anonymity rule was not met).
    public static func suppressed(n: Int, organisations: Int) -> Estimate {
        Estimate(missing: AnonymityRule.suppressedReason, n: n, organisations: organisations)
    }

    /// `true` when the value is published.
    public var isPublished: Bool { value != nil }

    /// `true` when the interval lies entirely above 0.
    public var intervalAboveZero: Bool { (lower ?? -.infinity) > 0 }
    /// `true` when the interval lies entirely below 0.
    public var intervalBelowZero: Bool { (upper ?? .infinity) < 0 }
}

extension Estimate {
    private enum CodingKeys: String, CodingKey {
        case value, lower, upper, n, organisations, reason, intervalReason
    }

    /// Encodes every key, writing `null` for a missing value, interval or reason, so a
    /// suppressed figure reads `"value": null, "reason": "suppressed"` (constructs.md, "Anonymity")
    /// and every estimate in the JSON result has the same seven keys (docs/results.md).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(value, forKey: .value)
        try c.encode(lower, forKey: .lower)
        try c.encode(upper, forKey: .upper)
        try c.encode(n, forKey: .n)
        try c.encode(organisations, forKey: .organisations)
        try c.encode(reason, forKey: .reason)
        try c.encode(intervalReason, forKey: .intervalReason)
    }

    /// A published value with the percentile interval of a cluster bootstrap (or its reason).
    public init(value: Double, n: Int, organisations: Int, interval: BootstrapSummary) {
        self.init(value: value, n: n, organisations: organisations, lower: interval.lower, upper: interval.upper,
                  intervalReason: interval.unavailableReason)
    }
}
