import RoleLayerCore

/// Display names of roles, blockers and stages, from the instrument's code lists.
///
/// Charts use a role's short name: its first alias when that is an upper-case acronym of at most
/// six characters (the default instrument's "CEO", "CDAO"), otherwise its label. Tables use the
/// full label. Codes not in the instrument are shown as they are.
public struct RoleNames: Sendable, Hashable {
    /// The instrument the names come from.
    public var instrument: Instrument

    public init(instrument: Instrument) {
        self.instrument = instrument
    }

    /// Short role name for charts and sentences ("CTO").
    public func short(_ role: Role) -> String {
        guard let i = instrument.roles.index(ofCode: role.rawValue) else { return role.rawValue }
        let entry = instrument.roles.entries[i]
        if let alias = entry.aliases.first, alias.count <= 6, alias == alias.uppercased(), alias.contains(where: \.isLetter) {
            return alias
        }
        return entry.label
    }

    /// Full role label for tables ("Chief Technology Officer").
    public func full(_ role: Role) -> String {
        instrument.roles.label(of: role.rawValue)
    }

    /// Blocker label ("ROI uncertainty").
    public func blocker(_ blocker: Blocker) -> String {
        instrument.blockers.label(of: blocker.rawValue)
    }

    /// Stage labels, stage 0 first.
    public var stages: [String] {
        instrument.stages.entries.map(\.label)
    }

    /// Stage label of `stage` (0...6), or the number when the instrument has no such stage.
    public func stage(_ stage: Int) -> String {
        stage >= 0 && stage < instrument.stages.count ? instrument.stages.entries[stage].label : "stage \(stage)"
    }
}
