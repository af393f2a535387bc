"""A real SMTP server for tests: each message received is appended to FILE as one JSON line."""
import asyncio, json, sys
from aiosmtpd.controller import Controller

class Sink:
    def __init__(self, path): self.path = path
    async def handle_DATA(self, server, session, envelope):
        with open(self.path, 'a') as out:
            out.write(json.dumps({'from': envelope.mail_from, 'to': envelope.rcpt_tos,
                                  'data': envelope.content.decode('utf8', 'replace')}) + '\n')
        return '250 OK'

controller = Controller(Sink(sys.argv[2]), hostname='127.0.0.1', port=int(sys.argv[1]))
controller.start()
print('listening', flush=True)
try: asyncio.get_event_loop().run_forever()
except KeyboardInterrupt: pass
