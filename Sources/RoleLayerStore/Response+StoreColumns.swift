import GRDB
import RoleLayerCore

// MARK: - Key

extension Response {
    /// The record's key.
    var key: RecordKey { RecordKey(wave: wave, respondentID: respondentID) }
}

// MARK: - Decoding

/// Decoding of stored rows back into ``Response`` values (encoding: ``RecordBinder``).
enum ResponseColumns {
    /// Splits a stored list: NULL → `nil` (not answered), `''` → `[]` (none selected).
    static func split(_ text: String?) -> [String]? {
        guard let text else { return nil }
        if text.isEmpty { return [] }
        return text.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
    }

    /// Decodes a row whose first columns are ``StoreSchema/contentColumns`` in order.
    ///
    /// - Throws: a reason string when a stored value is outside its domain (a store edited by
    ///   hand); the caller wraps it in ``StoreError``.
    static func decode(_ row: Row) throws(DecodeFailure) -> Response {
        let waveText: String = row[0]
        let respondentID: String = row[1]
        guard let wave = Wave(parsing: waveText) else { throw DecodeFailure("malformed wave '\(waveText)' for \(respondentID)") }
        func stage(_ v: Int?, _ name: String) throws(DecodeFailure) -> Stage? {
            guard let v else { return nil }
            guard let s = Stage(v) else { throw DecodeFailure("\(name) \(v) outside 0...6 for \(wave)/\(respondentID)") }
            return s
        }
        guard let s = try stage(row[4], "stage") else { throw DecodeFailure("missing stage for \(wave)/\(respondentID)") }
        var direction: Direction? = nil
        if let d: Int = row[11] {
            guard let dv = Direction(d) else { throw DecodeFailure("direction \(d) outside -2...2 for \(wave)/\(respondentID)") }
            direction = dv
        }
        let organisationID: String? = row[2]
        let roleCode: String = row[3]
        let confidence: Int? = row[5]
        let preparedness: Int? = row[6]
        let blockers: [Blocker]? = split(row[7])?.map { Blocker(rawValue: $0) }
        let primaryBlocker: Blocker? = (row[8] as String?).map { Blocker(rawValue: $0) }
        let priorities: [Priority]? = split(row[9])?.map { Priority(rawValue: $0) }
        let ownership: Ownership? = (row[10] as String?).map(Ownership.init(code:))
        let influences: [Role]? = split(row[12])?.map { Role(rawValue: $0) }
        let signoff: [Role]? = split(row[13])?.map { Role(rawValue: $0) }
        let orgStage = try stage(row[14], "org_stage")
        let sector: String? = row[15]
        let sizeBand: String? = row[16]
        let region: String? = row[17]
        let weight: Double = row[18]
        let comment: String? = row[19]
        return Response(
            respondentID: respondentID, organisationID: organisationID, wave: wave, role: Role(roleCode),
            stage: s, confidence: confidence, preparedness: preparedness, blockers: blockers,
            primaryBlocker: primaryBlocker, priorities: priorities, ownership: ownership,
            direction: direction, influences: influences, signoff: signoff, orgStage: orgStage,
            sector: sector, sizeBand: sizeBand, region: region, weight: weight, comment: comment)
    }

    /// A stored value that does not decode.
    struct DecodeFailure: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }
}
