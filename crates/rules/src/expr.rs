//! The entry language: the expressions a policy's conditions and amounts are
//! written in (ARCHITECTURE.md, "Successors as data").
//!
//! CEL's syntax, our own typed tree. An expression is parsed once, when the
//! policy loads, checked against the names it may read (each with its type,
//! given by a [`Names`]), and compiled into a tree whose names are slots. It
//! is evaluated per applicant against a [`Slots`] that answers each slot or says
//! it is unanswered. The language is total and has no side effects: no loops,
//! no recursion, every function defined for every argument of its type, money
//! a Decimal (never a float), and a division by zero an error, not a panic.
//!
//! Unanswered questions: reading an unanswered name stops the evaluation with
//! [`Stop::Unknown`], naming it. `&&`, `||` and `?:` evaluate left to right and
//! stop at the first unknown they need, so `registered && hired > 0` asks for
//! `registered` before `hired`, and `false && x` never asks for `x`. This is
//! what lets a rule ask for answers in the order a person gives them.

use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::date::Date;

/// A value of the language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Val {
    /// true or false.
    Bool(bool),
    /// A number: a count, yuan, a rate, a year.
    Num(Decimal),
    /// A date.
    Date(Date),
    /// A string: an option of a one-of question, or text.
    Str(Str),
    /// A list of values of one type.
    List(Arc<[Val]>),
}

/// A string value: the data's own text, borrowed (an answer's option, which
/// every condition on a choice reads, so reading it allocates nothing), or
/// text made while parsing, shared. Equal by its characters.
#[derive(Clone, Debug)]
pub enum Str {
    /// Text that lives as long as the program.
    Static(&'static str),
    /// Text made at run time.
    Shared(Arc<str>),
}

impl std::ops::Deref for Str {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Str::Static(s) => s,
            Str::Shared(s) => s,
        }
    }
}

impl PartialEq for Str {
    fn eq(&self, other: &Str) -> bool {
        **self == **other
    }
}

impl Eq for Str {}

impl From<&str> for Str {
    fn from(s: &str) -> Str {
        Str::Shared(s.into())
    }
}

impl From<String> for Str {
    fn from(s: String) -> Str {
        Str::Shared(s.into())
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

/// A type of the language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Type {
    /// true or false.
    Bool,
    /// A number.
    Num,
    /// A date.
    Date,
    /// A string.
    Str,
    /// A list of one type.
    List(Box<Type>),
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::Bool => f.write_str("bool"),
            Type::Num => f.write_str("number"),
            Type::Date => f.write_str("date"),
            Type::Str => f.write_str("string"),
            Type::List(t) => write!(f, "list of {t}"),
        }
    }
}

impl Val {
    fn type_of(&self) -> Type {
        match self {
            Val::Bool(_) => Type::Bool,
            Val::Num(_) => Type::Num,
            Val::Date(_) => Type::Date,
            Val::Str(_) => Type::Str,
            Val::List(items) => Type::List(Box::new(items.first().map_or(Type::Num, Val::type_of))),
        }
    }
}

/// What an expression may read when it is checked: each name's slot and type.
pub trait Names {
    /// The slot and type of a dotted name (`graduates_hired`, `values.a11_sme_per_hire`).
    fn resolve(&self, name: &str) -> Option<(usize, Type)>;
}

/// What an evaluation reads: each slot's value, or `None` while unanswered.
pub trait Slots {
    /// The value of slot `slot`.
    fn get(&self, slot: usize) -> Option<Val>;

    /// True when slot `slot` has a value: what `has(name)` asks. Asking is not
    /// reading, so a caller that notes reads need not note this.
    fn has(&self, slot: usize) -> bool {
        self.get(slot).is_some()
    }

    /// The value of slot `slot`, or why there is none: by default, that it
    /// is unanswered. A slot computed from others (a table's `let`) says which
    /// of those it waits for.
    fn value(&self, slot: usize) -> Result<Val, Stop> {
        self.get(slot).ok_or(Stop::Unknown(slot))
    }

    /// The value of slot `slot`, read without noting it (what `peek(name)`
    /// reads); a caller that notes reads need not note this.
    fn peek(&self, slot: usize) -> Option<Val> {
        self.get(slot)
    }

    /// The number in slot `slot`, as [`Slots::value`] gives it. A reader whose
    /// slots hold numbers of their own may give them without making a [`Val`]:
    /// a value made and taken apart at once was most of reading a number.
    fn number(&self, slot: usize) -> Result<Decimal, Stop> {
        match self.value(slot)? {
            Val::Num(x) => Ok(x),
            _ => Err(Stop::Error("not a number".into())),
        }
    }

    /// The item at place `i` of the list in slot `slot`, as [`Slots::value`]
    /// gives the list; see [`Slots::number`].
    fn item(&self, slot: usize, i: Decimal) -> Result<Val, Stop> {
        match self.value(slot)? {
            Val::List(items) => item_of(&items, i),
            _ => Err(Stop::Error("not a list".into())),
        }
    }

    /// The string in slot `slot`, as [`Slots::value`] gives it; see [`Slots::number`].
    fn text(&self, slot: usize) -> Result<Str, Stop> {
        match self.value(slot)? {
            Val::Str(t) => Ok(t),
            _ => Err(Stop::Error("not a string".into())),
        }
    }

    /// The date in slot `slot`, as [`Slots::value`] gives it; see [`Slots::number`].
    fn date(&self, slot: usize) -> Result<Date, Stop> {
        match self.value(slot)? {
            Val::Date(d) => Ok(d),
            _ => Err(Stop::Error("not a date".into())),
        }
    }

    /// The yes or no in slot `slot`, as [`Slots::value`] gives it; see [`Slots::number`].
    fn truth(&self, slot: usize) -> Result<bool, Stop> {
        match self.value(slot)? {
            Val::Bool(b) => Ok(b),
            _ => Err(Stop::Error("not a bool".into())),
        }
    }
}

/// Why an evaluation did not give a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stop {
    /// It needs the value of this slot, which is unanswered.
    Unknown(usize),
    /// The policy divided by zero or overflowed a number: an error of the
    /// policy's data, which its cases catch.
    Error(String),
}

/// A mistake in an expression, found when the policy loads: where (a byte
/// offset in the source) and what, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExprError {
    /// Byte offset in the source.
    pub at: usize,
    /// What is wrong, in English (the policy check wraps it in both languages).
    pub message: String,
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at {}: {}", self.at, self.message)
    }
}

fn fail<T>(at: usize, message: impl Into<String>) -> Result<T, ExprError> {
    Err(ExprError { at, message: message.into() })
}

// ---------------------------------------------------------------------------
// Tokens

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(Decimal),
    Str(String),
    Ident(String),
    Op(&'static str),
    End,
}

/// The operators and punctuation, longest first so `<=` is not read as `<`.
const OPS: [&str; 21] = ["&&", "||", "==", "!=", "<=", ">=", "<", ">", "!", "+", "-", "*", "/", "?", ":", "(", ")", "[", "]", ",", "."];

fn lex(src: &str) -> Result<Vec<(usize, Tok)>, ExprError> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if c.is_ascii_digit() {
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.' || bytes[i] == b'_') {
                i += 1;
            }
            let text: String = src[start..i].chars().filter(|c| *c != '_').collect();
            let n = text.parse::<Decimal>().or_else(|_| fail(start, format!("\"{text}\" is not a number")))?;
            out.push((start, Tok::Num(n)));
        } else if c == b'\'' || c == b'"' {
            i += 1;
            let from = i;
            while i < bytes.len() && bytes[i] != c {
                i += 1;
            }
            if i >= bytes.len() {
                return fail(start, "a string is not closed");
            }
            out.push((start, Tok::Str(src[from..i].to_owned())));
            i += 1;
        } else if c.is_ascii_alphabetic() || c == b'_' {
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            out.push((start, Tok::Ident(src[start..i].to_owned())));
        } else if let Some(op) = OPS.iter().find(|op| src[i..].starts_with(**op)) {
            i += op.len();
            out.push((start, Tok::Op(op)));
        } else {
            let ch = src[i..].chars().next().unwrap_or(' ');
            return fail(start, format!("\"{ch}\" is not part of the language"));
        }
    }
    out.push((src.len(), Tok::End));
    Ok(out)
}

// ---------------------------------------------------------------------------
// Syntax

/// An expression as parsed, before its names are resolved.
#[derive(Clone, Debug, PartialEq)]
enum Ast {
    Lit(Val),
    Name(String),
    List(Vec<(usize, Ast)>),
    Not(Box<(usize, Ast)>),
    Neg(Box<(usize, Ast)>),
    Bin(&'static str, Box<(usize, Ast)>, Box<(usize, Ast)>),
    In(Box<(usize, Ast)>, Box<(usize, Ast)>),
    If(Box<(usize, Ast)>, Box<(usize, Ast)>, Box<(usize, Ast)>),
    Call(String, Vec<(usize, Ast)>),
    Index(Box<(usize, Ast)>, Box<(usize, Ast)>),
}

/// The most an expression may nest: far beyond what a policy writes, and a
/// bound on the parser's and the evaluator's depth.
const MAX_DEPTH: usize = 64;

struct Parser {
    toks: Vec<(usize, Tok)>,
    i: usize,
    depth: usize,
}

/// Binding powers, CEL's precedence: `?:` < `||` < `&&` < comparisons and `in`
/// < `+ -` < `* /` < unary.
fn binding(op: &str) -> Option<(u8, u8)> {
    Some(match op {
        "||" => (3, 4),
        "&&" => (5, 6),
        "==" | "!=" | "<" | "<=" | ">" | ">=" | "in" => (7, 8),
        "+" | "-" => (9, 10),
        "*" | "/" => (11, 12),
        _ => return None,
    })
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.toks[self.i].1
    }

    fn at(&self) -> usize {
        self.toks[self.i].0
    }

    fn next(&mut self) -> (usize, Tok) {
        let t = self.toks[self.i].clone();
        if self.i + 1 < self.toks.len() {
            self.i += 1;
        }
        t
    }

    fn expect(&mut self, op: &'static str) -> Result<(), ExprError> {
        match self.next() {
            (_, Tok::Op(o)) if o == op => Ok(()),
            (at, t) => fail(at, format!("expected \"{op}\", found {}", describe(&t))),
        }
    }

    /// An expression whose operators bind more tightly than `min`.
    fn expr(&mut self, min: u8) -> Result<(usize, Ast), ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return fail(self.at(), "the expression nests too deep");
        }
        let mut left = self.prefix()?;
        loop {
            let op = match self.peek() {
                Tok::Op(o) => *o,
                Tok::Ident(w) if w == "in" => "in",
                _ => break,
            };
            if op == "?" {
                // The conditional binds loosest and groups to the right.
                if min > 1 {
                    break;
                }
                let at = left.0;
                self.next();
                let then = self.expr(0)?;
                self.expect(":")?;
                let other = self.expr(1)?;
                left = (at, Ast::If(Box::new(left), Box::new(then), Box::new(other)));
                continue;
            }
            let Some((l, r)) = binding(op) else { break };
            if l < min {
                break;
            }
            self.next();
            let right = self.expr(r)?;
            let at = left.0;
            left = match op {
                "in" => (at, Ast::In(Box::new(left), Box::new(right))),
                op => (at, Ast::Bin(op, Box::new(left), Box::new(right))),
            };
        }
        self.depth -= 1;
        Ok(left)
    }

    /// Expressions separated by commas, up to `close` (a list's items, a call's arguments).
    fn items(&mut self, close: &'static str) -> Result<Vec<(usize, Ast)>, ExprError> {
        let mut items = Vec::new();
        if self.peek() != &Tok::Op(close) {
            loop {
                items.push(self.expr(0)?);
                if self.peek() != &Tok::Op(",") {
                    break;
                }
                self.next();
            }
        }
        self.expect(close)?;
        Ok(items)
    }

    /// A value, then any `[i]` after it: an item of a list, from 0.
    fn prefix(&mut self) -> Result<(usize, Ast), ExprError> {
        let mut ast = self.value()?;
        while self.peek() == &Tok::Op("[") {
            self.next();
            let index = self.expr(0)?;
            self.expect("]")?;
            ast = (ast.0, Ast::Index(Box::new(ast), Box::new(index)));
        }
        Ok(ast)
    }

    fn value(&mut self) -> Result<(usize, Ast), ExprError> {
        let (at, tok) = self.next();
        let ast = match tok {
            Tok::Num(n) => Ast::Lit(Val::Num(n)),
            Tok::Str(s) => Ast::Lit(Val::Str(s.into())),
            Tok::Op("!") => Ast::Not(Box::new(self.expr(13)?)),
            Tok::Op("-") => Ast::Neg(Box::new(self.expr(13)?)),
            Tok::Op("(") => {
                let inner = self.expr(0)?;
                self.expect(")")?;
                return Ok(inner);
            }
            Tok::Op("[") => Ast::List(self.items("]")?),
            Tok::Ident(w) if w == "true" => Ast::Lit(Val::Bool(true)),
            Tok::Ident(w) if w == "false" => Ast::Lit(Val::Bool(false)),
            Tok::Ident(mut name) => {
                while self.peek() == &Tok::Op(".") {
                    self.next();
                    match self.next() {
                        (_, Tok::Ident(part)) => {
                            name.push('.');
                            name.push_str(&part);
                        }
                        (at, t) => return fail(at, format!("expected a name after \".\", found {}", describe(&t))),
                    }
                }
                if self.peek() == &Tok::Op("(") {
                    self.next();
                    Ast::Call(name, self.items(")")?)
                } else {
                    Ast::Name(name)
                }
            }
            t => return fail(at, format!("expected a value, found {}", describe(&t))),
        };
        Ok((at, ast))
    }
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Num(n) => format!("the number {n}"),
        Tok::Str(s) => format!("the string '{s}'"),
        Tok::Ident(w) => format!("\"{w}\""),
        Tok::Op(o) => format!("\"{o}\""),
        Tok::End => "the end".to_owned(),
    }
}

/// The most words (numbers, names, operators) one expression may hold: far
/// more than a rule needs, and few enough that no tree built from them is too
/// deep to take apart.
const MAX_WORDS: usize = 1_000;

fn parse(src: &str) -> Result<(usize, Ast), ExprError> {
    if src.len() > 16 * MAX_WORDS {
        return fail(0, format!("the expression is too long: {} bytes, at most {}", src.len(), 16 * MAX_WORDS));
    }
    let toks = lex(src)?;
    // The lexer ends the list with its end mark, which is no word.
    let words = toks.len().saturating_sub(1);
    if words > MAX_WORDS {
        return fail(0, format!("the expression is too long: {words} words, at most {MAX_WORDS}"));
    }
    let mut p = Parser { toks, i: 0, depth: 0 };
    let e = p.expr(0)?;
    match p.peek() {
        Tok::End => Ok(e),
        t => fail(p.at(), format!("unexpected {} after a complete expression", describe(t))),
    }
}

// ---------------------------------------------------------------------------
// The compiled tree

/// A built-in function: its name, what it takes and gives, and its body.
#[derive(Clone)]
pub struct Function {
    /// The name expressions call it by.
    pub name: &'static str,
    /// The argument types it takes.
    pub takes: &'static [Type],
    /// The type it gives.
    pub gives: Type,
    /// The body: total for every argument of the types it takes.
    pub body: fn(&[Val]) -> Result<Val, Stop>,
}

impl fmt::Debug for Function {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

/// A compiled expression: its tree, its type, and the slots it can read in
/// the order it reads them.
#[derive(Clone, Debug)]
pub struct Expr {
    node: Node,
    /// The type of its value.
    pub ty: Type,
    /// Every slot it can read, in the order of the source (each once).
    pub reads: Vec<usize>,
}

#[derive(Clone, Debug)]
enum Node {
    Lit(Val),
    Slot(usize),
    List(Vec<Node>),
    Not(Box<Node>),
    Neg(Box<Node>),
    And(Box<Node>, Box<Node>),
    Or(Box<Node>, Box<Node>),
    /// A comparison, of two numbers, two dates, two strings or two other
    /// values (known when it compiles), so that the first three are compared
    /// with no [`Val`] made.
    Cmp(Order, Sides, Box<Node>, Box<Node>),
    Arith(Op, Box<Node>, Box<Node>),
    In(Box<Node>, Box<Node>),
    If(Box<Node>, Box<Node>, Box<Node>),
    Call(&'static Function, Vec<Node>),
    /// `has(name)`: whether the name has a value, which never stops.
    Has(usize),
    /// `peek(name)`: its value, read without making it a fact the result
    /// rests on (what leads on to another answer, as "another certificate?").
    Peek(usize),
    /// `list[i]`: an item of a list; an index outside it is an error.
    Index(Box<Node>, Box<Node>),
    /// `size(list)`: how many items a list holds.
    Size(Box<Node>),
}

/// A comparison, decided when the expression compiles, so that evaluating
/// it matches no operator's text.
#[derive(Clone, Copy, Debug)]
enum Order {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Order {
    fn of(op: &str) -> Order {
        match op {
            "==" => Order::Eq,
            "!=" => Order::Ne,
            "<" => Order::Lt,
            "<=" => Order::Le,
            ">" => Order::Gt,
            _ => Order::Ge,
        }
    }

    /// True when two values so ordered satisfy the comparison.
    fn holds(self, order: std::cmp::Ordering) -> bool {
        match self {
            Order::Eq => order.is_eq(),
            Order::Ne => order.is_ne(),
            Order::Lt => order.is_lt(),
            Order::Le => order.is_le(),
            Order::Gt => order.is_gt(),
            Order::Ge => order.is_ge(),
        }
    }
}

/// What a comparison compares, decided when the expression compiles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sides {
    Numbers,
    Dates,
    Strings,
    Other,
}

impl Sides {
    fn of(t: &Type) -> Sides {
        match t {
            Type::Num => Sides::Numbers,
            Type::Date => Sides::Dates,
            Type::Str => Sides::Strings,
            _ => Sides::Other,
        }
    }
}

/// An arithmetic operator, decided when the expression compiles.
#[derive(Clone, Copy, Debug)]
enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

impl Op {
    fn of(op: &str) -> Op {
        match op {
            "+" => Op::Add,
            "-" => Op::Sub,
            "*" => Op::Mul,
            _ => Op::Div,
        }
    }

    fn sign(self) -> &'static str {
        match self {
            Op::Add => "+",
            Op::Sub => "-",
            Op::Mul => "*",
            Op::Div => "/",
        }
    }
}

/// Functions every policy may call, beside those the caller adds.
pub static STANDARD: [Function; 10] = [
    Function { name: "min", takes: &[Type::Num, Type::Num], gives: Type::Num, body: |a| num2(a, |x, y| Ok(x.min(y))) },
    Function { name: "max", takes: &[Type::Num, Type::Num], gives: Type::Num, body: |a| num2(a, |x, y| Ok(x.max(y))) },
    Function {
        name: "fen",
        takes: &[Type::Num],
        gives: Type::Num,
        body: |a| match a {
            [Val::Num(x)] => Ok(Val::Num(crate::money::fen_floor(*x))),
            _ => Err(Stop::Error("fen takes a number".into())),
        },
    },
    Function { name: "ceil", takes: &[Type::Num], gives: Type::Num, body: |a| rounded(a, rust_decimal::RoundingStrategy::ToPositiveInfinity) },
    Function { name: "floor", takes: &[Type::Num], gives: Type::Num, body: |a| rounded(a, rust_decimal::RoundingStrategy::ToNegativeInfinity) },
    Function { name: "year", takes: &[Type::Date], gives: Type::Num, body: |a| date_part(a, |d| Decimal::from(d.year())) },
    Function { name: "month", takes: &[Type::Date], gives: Type::Num, body: |a| date_part(a, |d| Decimal::from(d.month())) },
    Function { name: "day", takes: &[Type::Date], gives: Type::Num, body: |a| date_part(a, |d| Decimal::from(d.day())) },
    Function {
        name: "plus_years",
        takes: &[Type::Date, Type::Num],
        gives: Type::Date,
        body: |a| match a {
            [Val::Date(d), Val::Num(n)] if n.fract().is_zero() => {
                let years = u16::try_from(n.mantissa()).map_err(|_| Stop::Error(format!("{n} years")))?;
                Ok(Val::Date(d.plus_years(years)))
            }
            _ => Err(Stop::Error("plus_years takes a date and a whole number of years".into())),
        },
    },
    Function {
        name: "date",
        takes: &[Type::Str],
        gives: Type::Date,
        body: |a| match a {
            [Val::Str(s)] => Date::parse(s).map(Val::Date).ok_or_else(|| Stop::Error(format!("\"{s}\" is not a date"))),
            _ => Err(Stop::Error("date takes a string".into())),
        },
    },
];

/// A number rounded to a whole one, up (`ceil`) or down (`floor`).
fn rounded(a: &[Val], way: rust_decimal::RoundingStrategy) -> Result<Val, Stop> {
    match a {
        [Val::Num(x)] => Ok(Val::Num(x.round_dp_with_strategy(0, way))),
        _ => Err(Stop::Error("expected a number".into())),
    }
}

/// A number read off a date: its year, month or day.
fn date_part(a: &[Val], part: fn(Date) -> Decimal) -> Result<Val, Stop> {
    match a {
        [Val::Date(d)] => Ok(Val::Num(part(*d))),
        _ => Err(Stop::Error("expected a date".into())),
    }
}

fn num2(a: &[Val], f: impl Fn(Decimal, Decimal) -> Result<Decimal, Stop>) -> Result<Val, Stop> {
    match a {
        [Val::Num(x), Val::Num(y)] => f(*x, *y).map(Val::Num),
        _ => Err(Stop::Error("expected two numbers".into())),
    }
}

impl Expr {
    /// Parses, checks and compiles `src` against `names`, with the standard
    /// functions and `functions`. Every mistake is found here, with where it is.
    pub fn compile(src: &str, names: &dyn Names, functions: &'static [Function]) -> Result<Expr, ExprError> {
        let ast = parse(src)?;
        let mut reads = Vec::new();
        let (node, ty) = check(&ast, names, functions, &mut reads, 0)?;
        Ok(Expr { node, ty, reads })
    }

    /// Compiles `src` and requires its value to be of type `ty`.
    pub fn compile_as(src: &str, ty: Type, names: &dyn Names, functions: &'static [Function]) -> Result<Expr, ExprError> {
        let e = Expr::compile(src, names, functions)?;
        if e.ty != ty {
            return fail(0, format!("the expression gives a {}, where a {ty} is needed", e.ty));
        }
        Ok(e)
    }

    /// The numbers written in it, in the order of the tree.
    pub fn numbers(&self) -> Vec<Decimal> {
        fn walk(n: &Node, out: &mut Vec<Decimal>) {
            match n {
                Node::Lit(Val::Num(x)) => out.push(*x),
                Node::Lit(_) | Node::Slot(_) | Node::Has(_) | Node::Peek(_) => {}
                Node::Size(a) => walk(a, out),
                Node::Index(a, b) => {
                    walk(a, out);
                    walk(b, out);
                }
                Node::List(items) | Node::Call(_, items) => items.iter().for_each(|i| walk(i, out)),
                Node::Not(a) | Node::Neg(a) => walk(a, out),
                Node::And(a, b) | Node::Or(a, b) | Node::Cmp(_, _, a, b) | Node::Arith(_, a, b) | Node::In(a, b) => {
                    walk(a, out);
                    walk(b, out);
                }
                Node::If(a, b, c) => {
                    walk(a, out);
                    walk(b, out);
                    walk(c, out);
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.node, &mut out);
        out
    }

    /// Evaluates against `slots`.
    pub fn eval<S: Slots + ?Sized>(&self, slots: &S) -> Result<Val, Stop> {
        eval(&self.node, slots)
    }

    /// Evaluates a condition: true, false, or why it cannot be said.
    pub fn test<S: Slots + ?Sized>(&self, slots: &S) -> Result<bool, Stop> {
        match self.ty {
            Type::Bool => truth(&self.node, slots),
            _ => match self.eval(slots)? {
                Val::Bool(b) => Ok(b),
                other => Err(Stop::Error(format!("a condition gave a {}", other.type_of()))),
            },
        }
    }
}

/// A compiled node and its type.
type Typed = (Node, Type);

fn check(ast: &(usize, Ast), names: &dyn Names, functions: &'static [Function], reads: &mut Vec<usize>, depth: usize) -> Result<(Node, Type), ExprError> {
    let (at, ast) = ast;
    let at = *at;
    // A long chain (1 + 1 + … + 1) parses in a loop but nests in the tree: the
    // bound holds the evaluator's depth too.
    if depth > MAX_DEPTH {
        return fail(at, "the expression nests too deep");
    }
    let check = |ast: &(usize, Ast), names: &dyn Names, functions: &'static [Function], reads: &mut Vec<usize>| check(ast, names, functions, reads, depth + 1);
    let both = |l: &(usize, Ast), r: &(usize, Ast), reads: &mut Vec<usize>| -> Result<(Typed, Typed), ExprError> {
        Ok((check(l, names, functions, reads)?, check(r, names, functions, reads)?))
    };
    Ok(match ast {
        Ast::Lit(v) => (Node::Lit(v.clone()), v.type_of()),
        Ast::Name(name) => {
            let Some((slot, ty)) = names.resolve(name) else {
                return fail(at, format!("\"{name}\" is no answer, value or name this policy knows"));
            };
            if !reads.contains(&slot) {
                reads.push(slot);
            }
            (Node::Slot(slot), ty)
        }
        Ast::List(items) => {
            let mut nodes = Vec::with_capacity(items.len());
            let mut ty = None;
            for item in items {
                let (n, t) = check(item, names, functions, reads)?;
                match &ty {
                    Some(first) if *first != t => return fail(item.0, format!("a list holds one type: this is a {t}, the first a {first}")),
                    _ => ty = Some(t),
                }
                nodes.push(n);
            }
            let ty = Type::List(Box::new(ty.unwrap_or(Type::Num)));
            // A list of literals (`['secondary', 'technical']`) is built once, not per evaluation.
            let literals: Option<Vec<Val>> = nodes
                .iter()
                .map(|n| match n {
                    Node::Lit(v) => Some(v.clone()),
                    _ => None,
                })
                .collect();
            match literals {
                Some(items) => (Node::Lit(Val::List(items.into())), ty),
                None => (Node::List(nodes), ty),
            }
        }
        Ast::Not(e) => {
            let (n, t) = check(e, names, functions, reads)?;
            expect_type(e.0, &t, &Type::Bool, "!")?;
            (Node::Not(Box::new(n)), Type::Bool)
        }
        Ast::Neg(e) => {
            let (n, t) = check(e, names, functions, reads)?;
            expect_type(e.0, &t, &Type::Num, "-")?;
            (Node::Neg(Box::new(n)), Type::Num)
        }
        Ast::Bin(op, l, r) => {
            let ((ln, lt), (rn, rt)) = both(l, r, reads)?;
            match *op {
                "&&" | "||" => {
                    expect_type(l.0, &lt, &Type::Bool, op)?;
                    expect_type(r.0, &rt, &Type::Bool, op)?;
                    let node = if *op == "&&" { Node::And(Box::new(ln), Box::new(rn)) } else { Node::Or(Box::new(ln), Box::new(rn)) };
                    (node, Type::Bool)
                }
                "==" | "!=" => {
                    if lt != rt {
                        return fail(at, format!("\"{op}\" compares a {lt} with a {rt}"));
                    }
                    (Node::Cmp(Order::of(op), Sides::of(&lt), Box::new(ln), Box::new(rn)), Type::Bool)
                }
                "<" | "<=" | ">" | ">=" => {
                    if lt != rt || !matches!(lt, Type::Num | Type::Date) {
                        return fail(at, format!("\"{op}\" orders numbers or dates, not a {lt} and a {rt}"));
                    }
                    (Node::Cmp(Order::of(op), Sides::of(&lt), Box::new(ln), Box::new(rn)), Type::Bool)
                }
                op => {
                    expect_type(l.0, &lt, &Type::Num, op)?;
                    expect_type(r.0, &rt, &Type::Num, op)?;
                    (Node::Arith(Op::of(op), Box::new(ln), Box::new(rn)), Type::Num)
                }
            }
        }
        Ast::In(l, r) => {
            let ((ln, lt), (rn, rt)) = both(l, r, reads)?;
            if rt != Type::List(Box::new(lt.clone())) {
                return fail(at, format!("\"in\" looks for a {lt} in a list of them, not in a {rt}"));
            }
            (Node::In(Box::new(ln), Box::new(rn)), Type::Bool)
        }
        Ast::If(c, t, f) => {
            let (cn, ct) = check(c, names, functions, reads)?;
            expect_type(c.0, &ct, &Type::Bool, "?")?;
            let ((tn, tt), (fn_, ft)) = both(t, f, reads)?;
            if tt != ft {
                return fail(at, format!("the two branches of \"?:\" give a {tt} and a {ft}"));
            }
            (Node::If(Box::new(cn), Box::new(tn), Box::new(fn_)), tt)
        }
        // CEL's `has` macro: an answer that may be left unanswered (an optional
        // figure) is tested first, so that reading it does not wait for it. And
        // `peek`: an answer read only to lead on to others, like a name, but the
        // caller does not note it as a fact the result rests on.
        Ast::Call(name, args) if name == "has" || name == "peek" => match args.as_slice() {
            [(_, Ast::Name(n))] => {
                let Some((slot, ty)) = names.resolve(n) else {
                    return fail(at, format!("\"{n}\" is no answer, value or name this policy knows"));
                };
                if !reads.contains(&slot) {
                    reads.push(slot);
                }
                match name.as_str() {
                    "has" => (Node::Has(slot), Type::Bool),
                    _ => (Node::Peek(slot), ty),
                }
            }
            _ => return fail(at, format!("{name} takes one name: {name}(question)")),
        },
        Ast::Index(list, index) => {
            let ((ln, lt), (inode, it)) = (check(list, names, functions, reads)?, check(index, names, functions, reads)?);
            let Type::List(item) = lt else { return fail(list.0, format!("only a list has items, not a {lt}")) };
            expect_type(index.0, &it, &Type::Num, "[]")?;
            (Node::Index(Box::new(ln), Box::new(inode)), *item)
        }
        Ast::Call(name, args) if name == "size" => match args.as_slice() {
            [list] => match check(list, names, functions, reads)? {
                (n, Type::List(_)) => (Node::Size(Box::new(n)), Type::Num),
                (_, t) => return fail(list.0, format!("size takes a list, not a {t}")),
            },
            _ => return fail(at, "size takes one list: size(list)".to_owned()),
        },
        Ast::Call(name, args) => {
            let Some(f) = STANDARD.iter().chain(functions.iter()).find(|f| f.name == name) else {
                return fail(at, format!("\"{name}\" is no function this policy knows"));
            };
            if args.len() != f.takes.len() {
                return fail(at, format!("{name} takes {} argument(s), not {}", f.takes.len(), args.len()));
            }
            let mut nodes = Vec::with_capacity(args.len());
            for (arg, want) in args.iter().zip(f.takes) {
                let (n, t) = check(arg, names, functions, reads)?;
                expect_type(arg.0, &t, want, name)?;
                nodes.push(n);
            }
            (Node::Call(f, nodes), f.gives.clone())
        }
    })
}

fn expect_type(at: usize, found: &Type, want: &Type, what: &str) -> Result<(), ExprError> {
    if found == want { Ok(()) } else { fail(at, format!("\"{what}\" needs a {want} here, not a {found}")) }
}

// Generic over the slots, so that each caller's reads are inlined into the walk.
fn eval<S: Slots + ?Sized>(node: &Node, slots: &S) -> Result<Val, Stop> {
    let num_of = |n: &Node| number(n, slots);
    Ok(match node {
        Node::Lit(v) => v.clone(),
        Node::Slot(s) => slots.value(*s)?,
        Node::Has(s) => Val::Bool(slots.has(*s)),
        Node::Peek(s) => slots.peek(*s).ok_or(Stop::Unknown(*s))?,
        Node::Index(list, index) => {
            // An item at a place written out (`e1_quota_share[0]`) is asked of
            // the slots, which may give it without sharing the whole list anew.
            if let (Node::Slot(s), Node::Lit(Val::Num(i))) = (&**list, &**index) {
                return slots.item(*s, *i);
            }
            let (list, i) = (eval(list, slots)?, num_of(index)?);
            let Val::List(items) = list else { return Err(Stop::Error("not a list".into())) };
            item_of(&items, i)?
        }
        Node::Size(list) => match eval(list, slots)? {
            Val::List(items) => Val::Num(Decimal::from(items.len())),
            _ => return Err(Stop::Error("not a list".into())),
        },
        Node::List(items) => Val::List(items.iter().map(|n| eval(n, slots)).collect::<Result<Vec<_>, _>>()?.into()),
        Node::Not(_) | Node::And(..) | Node::Or(..) | Node::Cmp(_, Sides::Numbers | Sides::Dates | Sides::Strings, ..) => Val::Bool(truth(node, slots)?),
        Node::Neg(_) | Node::Arith(..) => Val::Num(number(node, slots)?),
        Node::Cmp(op, _, l, r) => {
            let (a, b) = (eval(l, slots)?, eval(r, slots)?);
            let order = match (&a, &b) {
                (Val::Num(x), Val::Num(y)) => x.cmp(y),
                (Val::Date(x), Val::Date(y)) => x.cmp(y),
                _ => {
                    return Ok(Val::Bool(match op {
                        Order::Eq => a == b,
                        _ => a != b,
                    }));
                }
            };
            Val::Bool(op.holds(order))
        }
        Node::In(l, r) => {
            let item = eval(l, slots)?;
            // A list written out is looked in where it lies, not shared anew for each test.
            if let Node::Lit(Val::List(items)) = &**r {
                return Ok(Val::Bool(items.contains(&item)));
            }
            match eval(r, slots)? {
                Val::List(items) => Val::Bool(items.contains(&item)),
                _ => return Err(Stop::Error("\"in\" needs a list".into())),
            }
        }
        Node::If(c, t, f) => {
            if truth(c, slots)? {
                eval(t, slots)?
            } else {
                eval(f, slots)?
            }
        }
        // The standard functions take one or two arguments: those are passed
        // from the stack, not a list made for each call.
        Node::Call(f, args) => match args.as_slice() {
            [a] => (f.body)(&[eval(a, slots)?])?,
            [a, b] => (f.body)(&[eval(a, slots)?, eval(b, slots)?])?,
            _ => (f.body)(&args.iter().map(|n| eval(n, slots)).collect::<Result<Vec<_>, _>>()?)?,
        },
    })
}

/// A condition's value, computed as a bool throughout: the connectives and
/// comparisons of numbers, which most conditions are, make no [`Val`] to
/// take apart again. Anything else is evaluated as a value.
fn truth<S: Slots + ?Sized>(node: &Node, slots: &S) -> Result<bool, Stop> {
    match node {
        Node::Lit(Val::Bool(b)) => Ok(*b),
        Node::Not(e) => Ok(!truth(e, slots)?),
        Node::And(l, r) => Ok(truth(l, slots)? && truth(r, slots)?),
        Node::Or(l, r) => Ok(truth(l, slots)? || truth(r, slots)?),
        Node::Has(s) => Ok(slots.has(*s)),
        // A name read directly: most conditions test an answer, and going by
        // way of a value would walk one level more for each.
        Node::Slot(s) => slots.truth(*s),
        Node::Cmp(op, Sides::Numbers, l, r) => {
            let order = number(l, slots)?.cmp(&number(r, slots)?);
            Ok(op.holds(order))
        }
        Node::Cmp(op, Sides::Dates, l, r) => {
            let order = date(l, slots)?.cmp(&date(r, slots)?);
            Ok(op.holds(order))
        }
        // A string looked for in a list of strings written out (`ent_ownership
        // in ['private', 'mixed']`), compared with no value made.
        Node::In(l, r) if matches!(&**r, Node::Lit(Val::List(items)) if matches!(items.first(), Some(Val::Str(_)))) => {
            let Node::Lit(Val::List(items)) = &**r else { return Err(Stop::Error("\"in\" needs a list".into())) };
            let item = text(l, slots)?;
            Ok(items.iter().any(|v| matches!(v, Val::Str(t) if **t == *item)))
        }
        // Strings are only ever equal or not (the checker refuses an order).
        Node::Cmp(op, Sides::Strings, l, r) => {
            let same = *text(l, slots)? == *text(r, slots)?;
            Ok(if matches!(op, Order::Eq) { same } else { !same })
        }
        _ => match eval(node, slots)? {
            Val::Bool(b) => Ok(b),
            _ => Err(Stop::Error("not a bool".into())),
        },
    }
}

/// The item at place `i` of `items`: a place is a whole number from 0, and any
/// other, or one past the end, is an error.
pub(crate) fn item_of(items: &[Val], i: Decimal) -> Result<Val, Stop> {
    // An index is almost always written as a whole number (scale 0), which is
    // read as it is; any other is a whole number only once its trailing zeros
    // are gone.
    let whole = if i.scale() == 0 { i } else { i.normalize() };
    let at = usize::try_from(whole.mantissa()).ok().filter(|_| whole.scale() == 0);
    at.and_then(|at| items.get(at).cloned()).ok_or_else(|| Stop::Error(format!("item {i} of a list of {}", items.len())))
}

/// A string's value, read with no [`Val`] made where it is a name or written out.
fn text<S: Slots + ?Sized>(node: &Node, slots: &S) -> Result<Str, Stop> {
    match node {
        Node::Lit(Val::Str(t)) => Ok(t.clone()),
        Node::Slot(s) => slots.text(*s),
        _ => match eval(node, slots)? {
            Val::Str(t) => Ok(t),
            _ => Err(Stop::Error("not a string".into())),
        },
    }
}

/// A date's value, read with no [`Val`] made where it is a name or written out.
fn date<S: Slots + ?Sized>(node: &Node, slots: &S) -> Result<Date, Stop> {
    match node {
        Node::Lit(Val::Date(d)) => Ok(*d),
        Node::Slot(s) => slots.date(*s),
        _ => match eval(node, slots)? {
            Val::Date(d) => Ok(d),
            _ => Err(Stop::Error("not a date".into())),
        },
    }
}

/// A number's value, computed as a [`Decimal`] throughout arithmetic.
fn number<S: Slots + ?Sized>(node: &Node, slots: &S) -> Result<Decimal, Stop> {
    let num_of = |n: &Node| number(n, slots);
    Ok(match node {
        Node::Lit(Val::Num(x)) => *x,
        Node::Slot(s) => slots.number(*s)?,
        Node::Neg(e) => -num_of(e)?,
        Node::Arith(op, l, r) => {
            let (x, y) = (num_of(l)?, num_of(r)?);
            let overflow = || Stop::Error(format!("{x} {} {y} overflows", op.sign()));
            match op {
                Op::Add => x.checked_add(y).ok_or_else(overflow)?,
                Op::Sub => x.checked_sub(y).ok_or_else(overflow)?,
                Op::Mul => x.checked_mul(y).ok_or_else(overflow)?,
                Op::Div if y.is_zero() => return Err(Stop::Error(format!("{x} / 0"))),
                Op::Div => x.checked_div(y).ok_or_else(overflow)?,
            }
        }
        _ => match eval(node, slots)? {
            Val::Num(x) => x,
            _ => return Err(Stop::Error("not a number".into())),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table of names for tests: each with a type and, maybe, a value.
    struct Table(Vec<(&'static str, Type, Option<Val>)>);

    impl Names for Table {
        fn resolve(&self, name: &str) -> Option<(usize, Type)> {
            self.0.iter().position(|(n, _, _)| *n == name).map(|i| (i, self.0[i].1.clone()))
        }
    }

    impl Slots for Table {
        fn get(&self, slot: usize) -> Option<Val> {
            self.0.get(slot).and_then(|(_, _, v)| v.clone())
        }
    }

    fn num(s: &str) -> Val {
        Val::Num(s.parse().unwrap_or_default())
    }

    fn applicant() -> Table {
        Table(vec![
            ("registered", Type::Bool, Some(Val::Bool(true))),
            ("graduates_hired", Type::Num, Some(num("23"))),
            ("ownership", Type::Str, Some(Val::Str("private".into()))),
            ("sme", Type::Bool, None),
            ("values.a11_sme_per_hire", Type::Num, Some(num("1000"))),
            ("values.a11_other_share", Type::Num, Some(num("0.5"))),
            ("hired_on", Type::Date, Date::parse("2024-07-08").map(Val::Date)),
        ])
    }

    fn run(src: &str) -> Result<Val, Stop> {
        let t = applicant();
        Expr::compile(src, &t, &[]).unwrap_or_else(|e| panic!("{src}: {e}")).eval(&t)
    }

    #[test]
    fn conditions_and_amounts_evaluate_in_decimal() {
        assert_eq!(run("registered && graduates_hired > 0 && ownership in ['private', 'mixed']"), Ok(Val::Bool(true)));
        assert_eq!(run("graduates_hired * values.a11_sme_per_hire * values.a11_other_share"), Ok(num("11500")));
        assert_eq!(run("fen(10 / 3)"), Ok(num("3.33")), "money rounds down to the fen");
        assert_eq!(run("min(graduates_hired, 20) * 1_000"), Ok(num("20000")));
        assert_eq!(run("hired_on >= date('2024-01-01') && year(hired_on) == 2024"), Ok(Val::Bool(true)));
        assert_eq!(run("month(hired_on) * 100 + day(hired_on)"), Ok(num("708")));
        assert_eq!(run("[ceil(2.1), floor(2.9), ceil(-2.1)][1]"), Ok(num("2")));
        assert_eq!(run("plus_years(hired_on, 5) == date('2029-07-08')"), Ok(Val::Bool(true)));
        assert!(matches!(run("plus_years(hired_on, -1)"), Err(Stop::Error(_))), "years back are an error, not a panic");
        assert_eq!(run("size([1, 2, 3]) + [10, 20][graduates_hired - 22]"), Ok(num("23")));
        assert!(matches!(run("[1, 2][2]"), Err(Stop::Error(_))), "an index outside the list is an error, not a panic");
        assert!(matches!(run("[1, 2][0.5]"), Err(Stop::Error(_))));
        assert_eq!(run("-graduates_hired + 3 * 2 - 1"), Ok(num("-18")), "precedence: unary, then * before + and -");
        assert_eq!(run("graduates_hired > 20 ? 'many' : 'few'"), Ok(Val::Str("many".into())));
        assert_eq!(run("false ? 1 : true ? 2 : 3"), Ok(num("2")), "?: groups to the right");
    }

    #[test]
    fn an_unanswered_name_stops_at_the_first_gap_in_reading_order() {
        let t = applicant();
        let sme = t.resolve("sme").map(|(s, _)| s);
        assert_eq!(run("sme && registered").err(), sme.map(Stop::Unknown));
        assert_eq!(run("!registered && sme"), Ok(Val::Bool(false)), "false && x never asks for x");
        assert_eq!(run("registered || sme"), Ok(Val::Bool(true)));
        assert_eq!(run("registered ? 1 : (sme ? 2 : 3)"), Ok(num("1")), "the branch not taken is not read");
        let e = Expr::compile("graduates_hired > 0 && (sme ? values.a11_sme_per_hire : 500) > 0", &t, &[]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(e.reads, [1, 3, 4], "what it can read, in the order of the source");
    }

    #[test]
    fn peek_reads_an_answer_as_a_name_does() {
        assert_eq!(run("peek(graduates_hired) > 20"), Ok(Val::Bool(true)));
        assert_eq!(run("has(sme) && peek(sme)"), Ok(Val::Bool(false)));
        let t = applicant();
        assert!(Expr::compile("peek(graduates_hird)", &t, &[]).is_err(), "peek names a known answer");
        assert!(Expr::compile("peek(1 + 2)", &t, &[]).is_err(), "peek takes a name");
        assert!(Expr::compile("peek(graduates_hired) && true", &t, &[]).is_err(), "peek gives the answer's type");
    }

    #[test]
    fn has_tests_an_answer_without_waiting_for_it() {
        assert_eq!(run("has(sme)"), Ok(Val::Bool(false)));
        assert_eq!(run("has(sme) && sme"), Ok(Val::Bool(false)), "an optional answer left out is no, not a gap");
        assert_eq!(run("has(graduates_hired) && graduates_hired > 20"), Ok(Val::Bool(true)));
        let t = applicant();
        assert!(Expr::compile("has(graduates_hird)", &t, &[]).is_err(), "has names a known answer");
        assert!(Expr::compile("has(1 + 2)", &t, &[]).is_err(), "has takes a name");
        assert_eq!(Expr::compile("has(sme)", &t, &[]).map(|e| e.reads).ok(), Some(vec![3]), "what it tests can change the result");
    }

    #[test]
    fn mistakes_are_found_when_compiled_with_where_they_are() {
        let t = applicant();
        let err = |src: &str| Expr::compile(src, &t, &[]).err().unwrap_or_else(|| panic!("{src} compiled"));
        assert_eq!(err("graduates_hird > 0").at, 0);
        assert!(err("graduates_hird > 0").message.contains("graduates_hird"));
        assert!(err("registered + 1").message.contains("needs a number"));
        assert!(err("ownership > 'a'").message.contains("orders numbers or dates"));
        assert!(err("registered ? 1 : 'x'").message.contains("two branches"));
        assert!(err("round(1)").message.contains("no function"));
        assert!(err("min(1)").message.contains("takes 2"));
        assert_eq!(err("1 + ").message, "expected a value, found the end");
        assert_eq!(err("(1").message, "expected \")\", found the end");
        assert!(err("1 2").message.contains("after a complete expression"));
        assert!(err("'open").message.contains("not closed"));
        assert!(err("a # b").message.contains("not part of the language"));
        assert!(err("[1, 'a']").message.contains("one type"));
        assert!(err(&format!("{}1{}", "(".repeat(100), ")".repeat(100))).message.contains("too deep"));
        assert!(err(&vec!["1"; 100].join(" + ")).message.contains("too deep"), "a long chain is deep too");
        // Longer still, it is refused before any tree is built: a tree that deep
        // could not even be taken apart (a pack of 100,000 terms overflowed the stack).
        assert!(err(&vec!["1"; 100_000].join(" + ")).message.contains("too long"));
        assert!(err(&vec!["true"; 600].join(" && ")).message.contains("too long: 1199 words"));
        assert!(Expr::compile_as("graduates_hired", Type::Bool, &t, &[]).is_err());
    }

    #[test]
    fn arithmetic_errors_are_errors_not_panics() {
        assert!(matches!(run("graduates_hired / (graduates_hired - 23)"), Err(Stop::Error(_))));
        assert!(matches!(run("79228162514264337593543950335 * 10"), Err(Stop::Error(_))));
        assert!(matches!(run("date('2024-02-30') < hired_on"), Err(Stop::Error(_))));
    }

    proptest::proptest! {
        /// Whatever the text, compiling never panics, and neither does
        /// evaluating what compiled: the language is total.
        #[test]
        fn any_text_compiles_or_is_refused_without_a_panic(src in "[ a-z_0-9.()\\[\\]+*/<>=!&|?:,'-]{0,60}") {
            let t = applicant();
            if let Ok(e) = Expr::compile(&src, &t, &[]) {
                let _ = e.eval(&t);
            }
        }
    }

    #[test]
    fn callers_add_functions() {
        static MORE: [Function; 1] = [Function {
            name: "double",
            takes: &[Type::Num],
            gives: Type::Num,
            body: |a| match a {
                [Val::Num(x)] => Ok(Val::Num(*x * Decimal::TWO)),
                _ => Err(Stop::Error("double takes a number".into())),
            },
        }];
        let t = applicant();
        let e = Expr::compile("double(graduates_hired)", &t, &MORE).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(e.eval(&t), Ok(num("46")));
    }
}
