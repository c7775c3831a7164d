import RoleLayerCore
import Yams

/// Loads a custom instrument from YAML (format: docs/instrument-format.md). Lists and keys left
/// out take the default instrument's values; the result is checked with
/// ``RoleLayerCore/Instrument/validate()``.
public enum InstrumentFile {
    /// Loads and validates the instrument file at `path`.
    ///
    /// - Throws: ``InputError`` when the file cannot be read (missing, a directory, permission);
    ///   ``YAMLFileError`` for YAML syntax, wrong types, unknown keys, and every problem
    ///   ``RoleLayerCore/Instrument/validate()`` finds, each with the line of the entry it names
    ///   (for example `roles[3] 'cto': 'CTO' also names 'cio'` at the line of `roles[3]`).
    public static func load(path: String) throws -> Instrument {
        let bytes = try FileBytes.read(path: path)
        return try load(bytes: bytes, fileName: path)
    }

    /// Loads and validates an instrument file already in memory; `fileName` names it in errors.
    public static func load(bytes: [UInt8], fileName: String) throws(YAMLFileError) -> Instrument {
        let instrument = try YAMLFile.decode(Instrument.self, bytes: bytes, fileName: fileName)
        do {
            try instrument.validate()
        } catch {
            let root = try YAMLFile.compose(bytes: bytes, fileName: fileName)
            let problems = error.problems.map { message in
                YAMLFileError.Problem(line: line(of: message, in: root), message: message)
            }
            throw YAMLFileError(path: fileName, problems: problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) })
        }
        return instrument
    }

    /// The line an ``InstrumentError`` sentence refers to: `roles[3] '...'` → the line of that
    /// entry; `settings: stage_weight ...` → the line of that setting; `stages: ...` → the list.
    static func line(of message: String, in root: Node) -> Int? {
        guard let mapping = root.mapping else { return nil }
        let head = message.prefix { $0 != ":" && $0 != " " }
        var name = String(head)
        var index: Int?
        if let open = head.firstIndex(of: "["), let close = head.firstIndex(of: "]") {
            name = String(head[..<open])
            index = Int(head[head.index(after: open)..<close])
        }
        guard let list = mapping.first(where: { $0.key.string == name }) else { return nil }
        if let index, let seq = list.value.sequence, index < seq.count {
            return seq[index].mark?.line
        }
        if name == "settings", let settings = list.value.mapping {
            let rest = message.dropFirst("settings: ".count)
            let key = rest.prefix { $0 != " " }
            if let entry = settings.first(where: { $0.key.string == String(key) }) { return entry.key.mark?.line }
        }
        return list.key.mark?.line
    }
}
