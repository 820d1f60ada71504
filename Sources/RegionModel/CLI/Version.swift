/// What `regionsim --version` prints.
enum Version {
  /// The release of regionsim.
  static let number = "0.9.0"

  /// `regionsim 0.9.0 (trace format 1; variants seed, qemu-7.2, ...)`.
  static var line: String {
    "regionsim \(number) (trace format 1; variants "
      + DriverVariant.allCases.map(\.rawValue).joined(separator: ", ") + ")"
  }
}
