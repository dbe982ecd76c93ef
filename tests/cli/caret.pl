#!/usr/bin/perl
# caret.pl WIDTH < STDERR - check nqpdf's source excerpts against the files
# they quote.  For every FILE:LINE:COL: message followed by an excerpt
#
#     FILE:LINE:COL: severity: ...
#      LINE | text of the line (maybe cut, with "..." at a cut end)
#           |      ^
#
# the character drawn above the caret must be character COL of line LINE
# of FILE (a tab counts as the spaces it became), the excerpt must fit in
# WIDTH terminal columns, and a line that does not fit must be cut with
# "...".  Prints one line per problem; no output means all is well.
#
# Widths are worked out here independently of src/util/width.c, from the
# East Asian Width ranges our test inputs use (Han, CJK punctuation,
# fullwidth forms, plane 2): 2 columns; everything else 1; tabs to the next
# multiple of 8.
use strict;
use warnings;
use utf8;
binmode STDIN, ':encoding(UTF-8)';
binmode STDOUT, ':encoding(UTF-8)';

my $width = shift // 80;
my $wide = qr/[\x{1100}-\x{115F}\x{2E80}-\x{303E}\x{3041}-\x{A4CF}\x{AC00}-\x{D7A3}\x{F900}-\x{FAFF}\x{FE30}-\x{FE4F}\x{FF00}-\x{FF60}\x{FFE0}-\x{FFE6}\x{20000}-\x{3FFFD}]/;

sub cw { return $_[0] =~ $wide ? 2 : 1 }

my @lines = <STDIN>;
chomp @lines;
my %src;
for (my $i = 0; $i + 2 < @lines; $i++) {
	next unless $lines[$i] =~ /^(.+?):(\d+):(\d+): /;
	my ($file, $ln, $col) = ($1, $2, $3);
	my ($ex, $car) = @lines[$i + 1, $i + 2];
	next unless $ex =~ /^\s*\Q$ln\E \| (.*)$/;
	my $text = $1;
	next unless $car =~ /^ {6}\| ( *)\^$/;
	my $at = length $1;
	unless (exists $src{$file}) {
		open my $fh, '<:raw', $file or do { print "$file: $!\n"; next };
		local $/;
		my $raw = <$fh>;
		$raw =~ s/^\xEF\xBB\xBF//;
		# Ill-formed bytes become U+FFFD, one per byte, as nqpdf
		# counts them (one column each, shown as '?').
		my $ok = '';
		# Well-formed UTF-8 only (RFC 3629): no overlongs, surrogates
		# or code points past U+10FFFF.
		while ($raw =~ /([\x00-\x7F]|[\xC2-\xDF][\x80-\xBF]|\xE0[\xA0-\xBF][\x80-\xBF]|[\xE1-\xEC\xEE\xEF][\x80-\xBF]{2}|\xED[\x80-\x9F][\x80-\xBF]|\xF0[\x90-\xBF][\x80-\xBF]{2}|[\xF1-\xF3][\x80-\xBF]{3}|\xF4[\x80-\x8F][\x80-\xBF]{2})|[\x80-\xFF]/gs) {
			$ok .= defined $1 ? $1 : "\xEF\xBF\xBD";
		}
		utf8::decode($ok);
		$src{$file} = [split /\n/, $ok, -1];
	}
	my $line = $src{$file}[$ln - 1] // '';
	$line =~ s/\r$//;
	# The source line as the terminal shows it: one cell per column.
	my (@cells, $c);
	my $target;
	for my $ch (split //, $line) {
		$target = scalar @cells if ++$c == $col;
		if ($ch eq "\t") {
			push @cells, ' ' for 1 .. 8 - @cells % 8;
		} elsif ($ch =~ /[\x00-\x1F\x7F-\x9F\x{FFFD}]/) {
			push @cells, '?';
		} else {
			push @cells, $ch, (cw($ch) == 2 ? '' : ());
		}
	}
	$target //= scalar @cells; # at the end of the line
	# The excerpt drawn the same way; find the column of its caret.
	my @shown;
	for my $ch (split //, $text) {
		push @shown, $ch, (cw($ch) == 2 ? '' : ());
	}
	my $where = "$file:$ln:$col";
	print "$where: excerpt is " . scalar(@shown) . " columns, more than " . ($width - 8) . "\n"
		if @shown > $width - 8;
	my $full = join('', @cells) eq $text;
	if (!$full && $text !~ /^\.\.\.|\.\.\.$/) {
		print "$where: excerpt differs from the line but has no \"...\": $text\n";
	}
	my $want = $target < @cells ? $cells[$target] : '(end of line)';
	my $got = $at < @shown ? $shown[$at] : '(end of line)';
	print "$where: caret under '$got', expected '$want'\n" if $got ne $want;
	# Left of the caret, the excerpt must show what the line has there.
	if ($full && join('', @shown[0 .. $at - 1]) ne join('', @cells[0 .. $target - 1])) {
		print "$where: text before the caret differs from the line\n";
	}
}
