/// What kind of failure a property reported: its message with every number
/// (decimal, or hex after `0x`) blanked out. A shrinker keeps a candidate
/// only when it fails the same way, so it cannot slide into another bug.
enum FailureShape {
  static func of(_ message: String) -> String {
    var shape = ""
    var inHex = false
    var previous: Character = " "
    for character in message {
      if previous == "0", character == "x" {
        inHex = true
        shape.append("x")
      } else if character.isNumber || (inHex && character.isHexDigit) {
        if shape.last != "#" { shape.append("#") }
      } else {
        inHex = false
        shape.append(character)
      }
      previous = character
    }
    return shape
  }
}
