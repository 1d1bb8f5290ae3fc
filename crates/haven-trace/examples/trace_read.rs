//! Development aid: prints the skeleton tokens of each name read from standard input, one per
//! line, to compare haven's readings with other romanisers.

use std::io::BufRead;

fn main() {
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        println!("{}", haven_trace::romanise::read_name(&line).tokens.join(" "));
    }
}
