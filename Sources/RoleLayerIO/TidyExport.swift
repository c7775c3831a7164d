import Foundation
import RoleLayerCore

/// The tidy (long-format) tables of an analysis result: what `rolelayer analyze --format csv`
/// writes, one file per table (data.md "Exports"; docs/results.md lists every table and column).
///
/// Every table is long: one row per observation (a figure of one wave, role, pair, blocker or
/// dimension), one column per variable, so pandas `read_csv` and R `read.csv` load it without
/// reshaping. Conventions shared by all tables:
/// - per-wave tables start with a `wave` column (`2026-Q1`); across-wave tables have none;
/// - roles, blockers and dimensions appear as their instrument codes (`cto`, `security_risk`);
///   a pair of roles is `role`, `role_b` (`role_b` = `role` on the diagonal);
/// - a table with several kinds of figure has a `measure` column naming the figure;
/// - a published figure is `value` with its interval `lower`, `upper` (the cluster-bootstrap
///   percentile interval, or Wilson for shares), `n` (respondents) and `n_organisations`
///   (organisations or lone respondents, the bootstrap's clusters); a missing value is an empty
///   cell with its `reason` (`suppressed` under the anonymity rule, else `not available: …`); a
///   missing interval of a published value has its `interval_reason`;
/// - numbers are written at full double precision, flags as `true`/`false`.
///
/// No table contains a respondent id or a comment: results hold none.
public enum TidyExport {
    /// Every table of `result`, in a fixed order (the same result gives the same tables).
    ///
    /// A construct that is not available in a wave still has a row for that wave, carrying the
    /// reason, so a reader can tell "not available" from "not computed".
    public static func tables(_ result: AnalysisResult) -> [TidyTable] {
        [runInfo(result), waves(result)]
            + roleShiftIndexTables(result)
            + adoptionGradientTables(result)
            + blockerTables(result)
            + alignmentTables(result)
            + influenceTables(result)
            + leadLagTables(result)
            + consensusTables(result)
    }

    // MARK: - Shared columns

    /// The columns of one ``Estimate``: value, its interval, its counts and the reasons.
    static let estimateColumns = ["value", "lower", "upper", "n", "n_organisations", "reason", "interval_reason"]

    /// The cells of one ``Estimate``, in ``estimateColumns`` order.
    static func cells(_ e: Estimate) -> [TidyCell] {
        [.number(e.value), .number(e.lower), .number(e.upper), .integer(e.n), .integer(e.organisations),
         .text(e.reason), .text(e.intervalReason)]
    }

    /// A plain value in ``estimateColumns`` form: no interval, the counts given, `reason` when nil.
    static func cells(value: Double?, n: Int?, organisations: Int?, reason: String?,
                      intervalReason: String? = nil) -> [TidyCell] {
        [.number(value), .missing, .missing, n.map { .integer($0) } ?? .missing,
         organisations.map { .integer($0) } ?? .missing,
         value == nil ? .text(reason ?? "not available") : .missing,
         value == nil ? .missing : .text(intervalReason)]
    }

    /// A flag, or missing.
    static func flag(_ b: Bool?) -> TidyCell { b.map { .flag($0) } ?? .missing }
    /// An integer, or missing.
    static func integer(_ i: Int?) -> TidyCell { i.map { .integer($0) } ?? .missing }

    /// The reason a value that has no interval of its own carries.
    static let noIntervalDefined = "no interval defined for this figure"

    // MARK: - Run information

    /// `run_info`: `name`, `value` (text): schema version, generator, seed, instrument, every
    /// setting (`setting.<key>`, keys as in an instrument file), one `wave` row per selected wave,
    /// the segment filter (`segment.<key>`), the cohort counts, and one `note` row per note.
    static func runInfo(_ result: AnalysisResult) -> TidyTable {
        var t = TidyTable(name: "run_info", columns: ["name", "value"])
        t.append(["schema_version", .text(result.schemaVersion)])
        t.append(["generator", .text(result.generator)])
        t.append(["seed", .text(String(result.seed))])
        t.append(["instrument_name", .text(result.instrument.name)])
        t.append(["instrument_version", .text(String(result.instrument.version))])
        for (key, value) in settingsPairs(result.settings) {
            t.append([.text("setting." + key), .text(value)])
        }
        for w in result.selection.waves { t.append(["wave", .text(w.description)]) }
        for key in SegmentKey.allCases {
            if let v = result.selection.segment.values[key] { t.append([.text("segment." + key.rawValue), .text(v)]) }
        }
        if let s = result.selection.segment.orgStage { t.append(["segment.org_stage", .text(String(s))]) }
        t.append(["respondents", .text(String(result.cohort.respondents))])
        t.append(["organisations", .text(String(result.cohort.organisations))])
        t.append(["clusters", .text(String(result.cohort.clusters))])
        t.append(["has_organisations", .text(result.cohort.hasOrganisations ? "TRUE" : "FALSE")])
        for note in result.notes { t.append(["note", .text(note)]) }
        return t
    }

    /// The settings as `key`, value text pairs, keys as in an instrument file, sorted; numbers
    /// as JSON writes them (integers without a decimal point, others at full precision).
    static func settingsPairs(_ settings: AnalysisSettings) -> [(String, String)] {
        guard let data = try? JSONEncoder().encode(settings),
              let object = try? JSONDecoder().decode([String: SettingValue].self, from: data)
        else { return [] }
        return object.keys.sorted().map { ($0, object[$0]!.text) }
    }

    /// One decoded setting value, kept as text.
    private struct SettingValue: Decodable {
        var text: String
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let v = try? c.decode(UInt64.self) { text = String(v) }
            else if let v = try? c.decode(Int64.self) { text = String(v) }
            else if let v = try? c.decode(Double.self) { text = "\(v)" }
            else if let v = try? c.decode(Bool.self) { text = v ? "true" : "false" }
            else { text = try c.decode(String.self) }
        }
    }

    /// `waves`: `wave`, `respondents`, `n_organisations` (clusters in the wave's cell).
    static func waves(_ result: AnalysisResult) -> TidyTable {
        var t = TidyTable(name: "waves", columns: ["wave", "respondents", "n_organisations"])
        for w in result.waves {
            t.append([.text(w.wave.description), .integer(w.respondents), .integer(w.organisations)])
        }
        return t
    }
}
