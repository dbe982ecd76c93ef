#!/usr/bin/perl
# strings.pl - every English message text the sources hand to the message
# catalogue (src/util/msg.c), one per line as KIND<TAB>TEXT<TAB>FILE, with
# TEXT's backslashes and newlines written \\ and \n.  tests/cli.sh feeds
# this to msgcheck, which wants a Chinese entry for each.
#
# What counts, by call (argument numbers from 1):
#   nq_diag_add 6            the format of every diagnostic
#   err 4 and 5              model.c: format, and the word it fills in
#   wrong_type 4             model.c: what was expected ("a string")
#   fail 3                   json.c: the syntax error's text
#   snprintf(msg, ...) 3     json.c: texts built before fail()
#   nq_cli_usage 2, nq_cli_note 3, nq_msg_format 3, nq_msg_tr 2   src/cli
# and the texts a function hands back for a message: `*why = "..."`
# (model.c's URL check) and every `return "..."` in describe() (json.c)
# and type_name() (model.c).  Only string literals count; an argument that
# is a variable is covered where its text is written.
use strict;
use warnings;

my %calls = (
	nq_diag_add => [6], err => [4, 5], wrong_type => [4], fail => [3],
	nq_cli_usage => [2], nq_cli_note => [3], nq_msg_format => [3], nq_msg_tr => [2],
);
my @returns_of = qw(describe type_name);

# C string literal body -> text.
sub unescape {
	my ($s) = @_;
	my %e = (n => "\n", t => "\t", r => "\r", '"' => '"', "'" => "'", '\\' => '\\',
	         '?' => '?', a => "\a", b => "\b", f => "\f", v => "\x0b");
	$s =~ s/\\(x[0-9a-fA-F]+|[0-7]{1,3}|.)/
		my $x = $1;
		$x =~ m{^x} ? chr(hex(substr($x, 1))) : $x =~ m{^[0-7]} ? chr(oct($x)) : ($e{$x} \/\/ $x)
	/ge;
	return $s;
}

# All string literals in a piece of C, adjacent ones joined.
sub literals {
	my ($code) = @_;
	my @out;
	while ($code =~ /((?:"(?:[^"\\\n]|\\.)*"\s*)+)/g) {
		my $run = $1;
		my $text = '';
		$text .= unescape($1) while $run =~ /"((?:[^"\\\n]|\\.)*)"/g;
		push @out, $text;
	}
	return @out;
}

# The argument list that starts after "(" at $pos: [start, end) of each
# argument in $src.  $mask is $src with the insides of string and character
# literals blanked, so brackets and commas in them do not count.
sub args_at {
	my ($mask, $pos) = @_;
	my ($depth, $from, @args) = (0, $pos);
	for (my $i = $pos; $i < length $mask; $i++) {
		my $c = substr($mask, $i, 1);
		if ($c eq '(' || $c eq '[' || $c eq '{') {
			$depth++;
		} elsif ($c eq ')' || $c eq ']' || $c eq '}') {
			if ($depth == 0) {
				push @args, [$from, $i];
				last;
			}
			$depth--;
		} elsif ($c eq ',' && $depth == 0) {
			push @args, [$from, $i];
			$from = $i + 1;
		}
	}
	return @args;
}

sub arg_text {
	my ($src, $arg) = @_;
	return defined $arg ? substr($src, $arg->[0], $arg->[1] - $arg->[0]) : '';
}

sub emit {
	my ($kind, $text, $file) = @_;
	$text =~ s/\\/\\\\/g;
	$text =~ s/\n/\\n/g;
	print "$kind\t$text\t$file\n";
}

for my $file (@ARGV) {
	open my $fh, '<', $file or die "$file: $!";
	local $/;
	my $src = <$fh>;
	close $fh;
	# Comments out, strings kept (a "/*" inside a string stays).
	$src =~ s{("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|/\*.*?\*/|//[^\n]*}{defined $1 ? $1 : ' '}gse;
	(my $mask = $src) =~ s{("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')}{
		my $l = $1; substr($l, 0, 1) . ('x' x (length($l) - 2)) . substr($l, -1)
	}ge;
	my $names = join '|', keys %calls;
	while ($mask =~ /(?<![\w.>])($names)\s*\(/g) {
		my ($name, @args) = ($1, args_at($mask, pos($mask)));
		for my $n (@{ $calls{$name} }) {
			emit($name, $_, $file) for literals(arg_text($src, $args[$n - 1]));
		}
	}
	while ($mask =~ /(?<![\w.>])snprintf\s*\(\s*msg\s*,/g) {
		my @args = args_at($mask, pos($mask));
		emit('snprintf', $_, $file) for literals(arg_text($src, $args[1]));
	}
	while ($mask =~ /\*why\s*=\s*"/g) {
		my $at = pos($mask) - 1;
		emit('why', $_, $file) for literals(substr($src, $at, index($mask, ';', $at) - $at));
	}
	for my $fn (@returns_of) {
		while ($mask =~ /\b$fn\s*\([^)]*\)\s*\{/g) {
			my ($start, $depth, $i) = (pos($mask), 1, pos($mask));
			for (; $i < length $mask && $depth; $i++) {
				my $c = substr($mask, $i, 1);
				$depth++ if $c eq '{';
				$depth-- if $c eq '}';
			}
			my $body = substr($src, $start, $i - $start);
			while ($body =~ /\breturn\s+((?:"(?:[^"\\\n]|\\.)*"\s*)+)/g) {
				emit('return', $_, $file) for literals($1);
			}
		}
	}
}
