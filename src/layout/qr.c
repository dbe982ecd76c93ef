/*
 * qr.c - QR codes as vector rectangles.
 *
 * libqrencode makes the module matrix (level M: 15% recovery survives print
 * and a phone camera); we draw each horizontal run of dark modules as one
 * rectangle, which keeps the content stream small and the edges crisp at
 * any zoom.  The quiet zone is 4 modules (ISO/IEC 18004 §6.3.8), left white.
 */
#include <qrencode.h>

#include "layout.h"

#define QUIET 4

bool nq_qr_draw(nq_arena *a, nq_page *pg, const char *payload, double x, double y, double side)
{
	QRcode *qr = QRcode_encodeString8bit(payload, 0, QR_ECLEVEL_M);
	if (!qr)
		return false;
	int n = qr->width;
	double m = side / (n + 2 * QUIET);
	for (int r = 0; r < n; r++) {
		for (int c = 0; c < n;) {
			if (!(qr->data[r * n + c] & 1)) {
				c++;
				continue;
			}
			int c0 = c;
			while (c < n && (qr->data[r * n + c] & 1))
				c++;
			nq_item *it = NQ_PUSH(a, pg->items, pg->n, pg->cap);
			it->kind = NQ_ITEM_RECT;
			it->x = x + (QUIET + c0) * m;
			it->y = y + side - (QUIET + r + 1) * m;
			it->w = (c - c0) * m;
			it->h = m;
		}
	}
	QRcode_free(qr);
	return true;
}
