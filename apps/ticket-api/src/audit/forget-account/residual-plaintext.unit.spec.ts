import { blankPersonal } from './residual-plaintext';

describe('blankPersonal (what forget-account leaves of a stored answer)', () => {
  it('blanks every personal field at any depth and keeps the rest', () => {
    const ticket = {
      id: 7,
      accountId: 'acct-1',
      subject: 'Payments fail',
      description: 'Since this morning',
      topic: 'Billing',
      messages: [{ id: 1, message: 'Still failing', authorLabel: 'You' }],
      attachments: [{ id: 2, fileName: 'invoice.pdf', size: 10 }],
    };
    expect(blankPersonal(ticket)).toEqual({
      ...ticket,
      subject: '[erased]',
      description: '[erased]',
      messages: [{ id: 1, message: '[erased]', authorLabel: 'You' }],
      attachments: [{ id: 2, fileName: '[erased]', size: 10 }],
    });
  });
});
