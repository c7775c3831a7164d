/// An executive role, identified by its instrument code (for example `cto`).
///
/// Roles come from the instrument, so this is an open set: a struct with static members for the
/// ten default roles rather than a closed enum (style.md, point 6).
public struct Role: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The lower-case code, for example `"cfo"`.
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ code: String) { self.rawValue = code }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws { rawValue = try String(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try rawValue.encode(to: encoder) }

    /// Chief Executive Officer.
    public static let ceo: Role = "ceo"
    /// Chief Financial Officer.
    public static let cfo: Role = "cfo"
    /// Chief Operating Officer.
    public static let coo: Role = "coo"
    /// Chief Technology Officer.
    public static let cto: Role = "cto"
    /// Chief Information Officer.
    public static let cio: Role = "cio"
    /// Chief Data & Analytics Officer.
    public static let cdao: Role = "cdao"
    /// Chief Information Security Officer.
    public static let ciso: Role = "ciso"
    /// Chief Marketing Officer.
    public static let cmo: Role = "cmo"
    /// Chief Human Resources Officer.
    public static let chro: Role = "chro"
    /// General Counsel.
    public static let gc: Role = "gc"
}

/// A blocker to AI adoption, identified by its instrument code (for example `roi_uncertainty`).
public struct Blocker: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The lower-case code.
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ code: String) { self.rawValue = code }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public init(from decoder: any Decoder) throws { rawValue = try String(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try rawValue.encode(to: encoder) }

    public static let roiUncertainty: Blocker = "roi_uncertainty"
    public static let integrationComplexity: Blocker = "integration_complexity"
    public static let securityRisk: Blocker = "security_risk"
    public static let dataReadiness: Blocker = "data_readiness"
    /// Insufficient evidence for capital commitment.
    public static let capitalEvidence: Blocker = "capital_evidence"
    public static let workforceReadiness: Blocker = "workforce_readiness"
    public static let regulatoryUncertainty: Blocker = "regulatory_uncertainty"
    public static let liabilityExposure: Blocker = "liability_exposure"
    public static let skillsGap: Blocker = "skills_gap"
    public static let governanceGaps: Blocker = "governance_gaps"
    public static let vendorMaturity: Blocker = "vendor_maturity"
    public static let changeResistance: Blocker = "change_resistance"
    public static let budgetConstraints: Blocker = "budget_constraints"
    public static let other: Blocker = "other"
}

/// A strategic priority, identified by its instrument code (for example `productivity`).
public struct Priority: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The lower-case code.
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ code: String) { self.rawValue = code }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public init(from decoder: any Decoder) throws { rawValue = try String(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try rawValue.encode(to: encoder) }

    public static let costEfficiency: Priority = "cost_efficiency"
    public static let revenueGrowth: Priority = "revenue_growth"
    public static let customerExperience: Priority = "customer_experience"
    public static let productivity: Priority = "productivity"
    public static let riskManagement: Priority = "risk_management"
    public static let innovation: Priority = "innovation"
    public static let decisionQuality: Priority = "decision_quality"
    public static let talent: Priority = "talent"
}
