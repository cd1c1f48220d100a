/**
 * Structured Field Values (RFC 8941, RFC 9651) as cachet/http holds them. Integers are
 * plain numbers; every other non-string type has its own class so that serialization
 * gives back exactly the type that was parsed (a Decimal `1.0` stays `1.0`).
 */

/** An sf-token (RFC 8941 §3.3.4). */
export class Token {
  /** @param value - the token text */
  constructor(readonly value: string) {}
}

/** An sf-decimal (RFC 8941 §3.3.2): at most 12 integer and 3 fractional digits. */
export class Decimal {
  /** @param value - the number */
  constructor(readonly value: number) {}
}

/** An sf-date (RFC 9651 §3.3.7): integer seconds since the Unix epoch. */
export class SfDate {
  /** @param seconds - seconds since 1970-01-01T00:00:00Z */
  constructor(readonly seconds: number) {}
}

/** An sf-displaystring (RFC 9651 §3.3.8): Unicode text. */
export class DisplayString {
  /** @param value - the text */
  constructor(readonly value: string) {}
}

/** A bare item: Integer (number), Decimal, String (string), Token, Byte Sequence, Boolean, Date, Display String. */
export type BareItem =
  | number
  | Decimal
  | string
  | Token
  | Uint8Array
  | boolean
  | SfDate
  | DisplayString;

/** Parameters: an ordered map of keys to bare items. */
export type Params = Map<string, BareItem>;

/** An Item with its parameters. */
export interface Item {
  value: BareItem;
  params: Params;
}

/** An Inner List with its parameters. */
export interface InnerList {
  items: Item[];
  params: Params;
}

/** A member of a List or Dictionary. */
export type Member = Item | InnerList;

/** A Dictionary: an ordered map of keys to members. */
export type Dictionary = Map<string, Member>;

/** A List. */
export type List = Member[];

/** True for an Inner List member. */
export function isInnerList(member: Member): member is InnerList {
  return (member as InnerList).items !== undefined;
}
