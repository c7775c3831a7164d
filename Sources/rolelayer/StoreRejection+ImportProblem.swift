import RoleLayerCore
import RoleLayerIO
import RoleLayerStore

extension StoreRejection {
    /// The rejection as a problem line of `file`: `file:row:column: value: reason`, with the
    /// respondent id (or the wave, for a granularity mismatch) as the value.
    func problem(file: String) -> ImportProblem {
        let value: String
        switch reason {
        case .granularityMismatch: value = key.wave.description
        case .duplicateInImport, .changed: value = key.respondentID
        }
        return ImportProblem(file: file, row: row, column: reason.column, value: value, reason: reason.description)
    }
}
