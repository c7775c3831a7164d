import ArgumentParser
import RoleLayerCore
import RoleLayerIO

/// The `--instrument FILE` option shared by `validate`, `import` and `instrument`.
struct InstrumentOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A custom instrument (YAML) replacing the built-in one.", valueName: "file"))
    var instrument: String?

    /// The instrument file's content, or the built-in default instrument.
    ///
    /// - Throws: the loader's error (unreadable file, YAML or validation problems); the CLI maps
    ///   it to exit status 2 through ``CLIError``.
    func load() throws -> Instrument {
        guard let instrument else { return .default }
        return try InstrumentFile.load(path: instrument)
    }
}
